"""Session 24's held-out probe, Google Cloud: a firewall admitting Identity-Aware Proxy's TCP
forwarding into a closed layer (GOV-ISO-007), and one that lets a closed layer's network send
to the internet's addresses (0.0.0.0/0, or its halves), past the components' deny-all egress
baseline (GOV-ISO-005); the internet layer's egress, the restricted Google APIs' addresses, a
disabled rule and a deny pass. Built with the real SDK classes, naming the stack's networks."""
import pulumi_gcp as gcp


def hidden(networks, opts, labels):
    """(name, the rules it must break, a function that builds it); `networks`: layer -> Network."""
    def egress(n, layer, ranges, **more):
        return gcp.compute.Firewall(n, network=networks[layer].id, direction="EGRESS", priority=100,
                                    destination_ranges=ranges, opts=opts,
                                    **({"allows": [{"protocol": "tcp", "ports": ["443"]}]} | more))

    def ingress(n, layer, ranges):
        return gcp.compute.Firewall(n, network=networks[layer].id, direction="INGRESS", priority=100, opts=opts,
                                    source_ranges=ranges, allows=[{"protocol": "tcp", "ports": ["443"]}])

    def iap(n, layer):
        return gcp.compute.Firewall(n, network=networks[layer].id, direction="INGRESS", priority=100, opts=opts,
                                    source_ranges=["35.235.240.0/20"], allows=[{"protocol": "tcp", "ports": ["22"]}])

    return [
        # SSH through Identity-Aware Proxy's TCP forwarding: from the internet into a closed layer
        # (GOV-ISO-007), as Instance Connect on AWS; the internet layer's is its business
        ("hid-iap-ssh-kikan", {"GOV-ISO-007"}, lambda n: iap(n, "mynumber")),
        ("hid-iap-ssh-web", set(), lambda n: iap(n, "internet")),
        # public sources in a closed layer: a vendor's office is the internet (GOV-ISO-003); Google's
        # health checks and Cloud DNS forwarding are Google's own probes
        ("hid-ingress-vendor-office-kikan", {"GOV-ISO-003"}, lambda n: ingress(n, "mynumber", ["153.127.10.20/32"])),
        ("hid-ingress-health-checks-kikan", set(), lambda n: ingress(n, "mynumber", ["35.191.0.0/16",
                                                                                     "130.211.0.0/22"])),
        ("hid-ingress-dns-forwarding-kikan", set(), lambda n: ingress(n, "mynumber", ["35.199.192.0/19"])),
        ("hid-egress-any-mynumber", {"GOV-ISO-005"}, lambda n: egress(n, "mynumber", ["0.0.0.0/0"])),
        ("hid-egress-halves-lgwan", {"GOV-ISO-005"}, lambda n: egress(n, "lgwan", ["0.0.0.0/1", "128.0.0.0/1"])),
        ("hid-egress-any-internet", set(), lambda n: egress(n, "internet", ["0.0.0.0/0"])),
        ("hid-egress-google-apis-mynumber", set(), lambda n: egress(n, "mynumber", ["199.36.153.4/30"])),
        ("hid-egress-any-mynumber-disabled", set(), lambda n: egress(n, "mynumber", ["0.0.0.0/0"], disabled=True)),
        ("hid-egress-deny-any-mynumber", set(), lambda n: egress(n, "mynumber", ["0.0.0.0/0"], allows=None,
                                                                 denies=[{"protocol": "all"}])),
    ]
