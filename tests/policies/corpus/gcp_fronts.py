"""An external load balancer's backend service whose backends are a closed layer's instance
groups (GOV-ISO-008): the forwarding rule in front may be labelled internet, or global, and the
internet still reaches mynumber's instances. An internal one in the layer, and an external one
whose backends are the internet layer's, pass. Built with the real SDK classes, naming the
stack's own networks."""
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO

#: pulumi_gcp BackendService health_checks: "A health check must be specified unless the backend
#: service uses an internet or serverless NEG as a backend"
HEALTH_CHECK = "projects/itabashi/global/healthChecks/https"
REGION_HEALTH_CHECK = "projects/itabashi/regions/asia-northeast1/healthChecks/https"


def fronts(networks, opts, labels):
    """(name, the rules it must break, a function that builds it); `networks`: layer -> Network."""
    def group(n, layer):
        return gcp.compute.InstanceGroup(n, zone=f"{TOKYO}-a", network=networks[layer].id, opts=opts,
                                         named_ports=[{"name": "https", "port": 443}])

    def backend(n, layer, **more):
        return gcp.compute.BackendService(n, protocol="HTTPS", port_name="https", health_checks=HEALTH_CHECK,
                                          backends=[{"group": group(f"{n}-group", layer).id}], opts=opts, **more)

    return [
        ("front-external-backend-juki", {"GOV-ISO-008"}, lambda n: backend(n, "mynumber")),
        ("front-external-classic-backend-juki", {"GOV-ISO-008"}, lambda n: backend(
            n, "mynumber", load_balancing_scheme="EXTERNAL")),
        ("front-external-backend-internet", set(), lambda n: backend(n, "internet")),
        # an instance group's URL written out: judged by the layer its name carries
        ("front-external-backend-literal-group", {"GOV-ISO-008"}, lambda n: gcp.compute.BackendService(
            n, protocol="HTTPS", port_name="https", health_checks=HEALTH_CHECK, opts=opts, backends=[{
                "group": f"projects/itabashi/zones/{TOKYO}-a/instanceGroups/gc131199-mynumber-juki"}])),
        ("front-internal-backend-juki", set(), lambda n: gcp.compute.RegionBackendService(
            n, region=TOKYO, protocol="HTTPS", port_name="https", load_balancing_scheme="INTERNAL_MANAGED",
            health_checks=REGION_HEALTH_CHECK, opts=opts,
            backends=[{"group": group(f"{n}-group", "mynumber").id, "balancing_mode": "UTILIZATION"}])),
        ("front-regional-external-backend-juki", {"GOV-ISO-008"}, lambda n: gcp.compute.RegionBackendService(
            n, region=TOKYO, protocol="TCP", load_balancing_scheme="EXTERNAL", health_checks=REGION_HEALTH_CHECK,
            opts=opts, backends=[{"group": group(f"{n}-group", "mynumber").id, "balancing_mode": "CONNECTION"}])),
    ]
