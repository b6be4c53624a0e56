"""Google Cloud resources a vendor adds to a closed layer (the corpus's lgwan) that answer
from the internet or admit it (GOV-ISO-001, GOV-ISO-003; session 19's held-out probe), built
with the real SDK classes."""
import pulumi_gcp as gcp

from tests.policies.corpus import TOKYO

IMAGE = "asia-northeast1-docker.pkg.dev/itabashi/app/web"
NETWORK = "projects/itabashi-net/global/networks/131199-itabashi-lgwan"
CONNECTOR = "projects/itabashi-net/locations/asia-northeast1/connectors/lgwan"


def entries(key, opts, labels):
    """(name, the rules it must break, a function that builds it)."""
    def run(n, **more):
        return gcp.cloudrunv2.Service(n, location=TOKYO, labels=labels, opts=opts, deletion_protection=False,
                                      template={"containers": [{"image": IMAGE}], "encryption_key": key,
                                                "vpc_access": {"network_interfaces": [{"network": NETWORK}],
                                                               "egress": "ALL_TRAFFIC"}}, **more)

    private_nodes = {"enable_private_nodes": True, "master_ipv4_cidr_block": "172.16.0.32/28"}

    def gke(n, **more):
        return gcp.container.Cluster(n, location=TOKYO, initial_node_count=1, resource_labels=labels,
                                     deletion_protection=False, database_encryption={"state": "ENCRYPTED",
                                                                                     "key_name": key},
                                     opts=opts, **more)

    def node_pool(n, **more):
        cluster = gke(f"{n}-cluster", private_cluster_config={**private_nodes, "enable_private_endpoint": True})
        return gcp.container.NodePool(n, cluster=cluster.id, location=TOKYO, node_count=1, opts=opts,
                                      node_config={"boot_disk_kms_key": key}, **more)

    def public_sql(n, authorized):
        return gcp.sql.DatabaseInstance(n, region=TOKYO, database_version="POSTGRES_16", encryption_key_name=key,
                                        deletion_protection=True, opts=opts, settings={
                                            "tier": "db-custom-2-7680", "user_labels": {**labels, "layer": "internet"},
                                            "ip_configuration": {"ipv4_enabled": True, "ssl_mode": "ENCRYPTED_ONLY",
                                                                 "authorized_networks": [
                                                                     {"value": v} for v in authorized]}})

    def pool(n, worker_config):
        return gcp.cloudbuild.WorkerPool(n, location=TOKYO, worker_config=worker_config, opts=opts,
                                         network_config={"peered_network": NETWORK})

    def function_v1(n, **more):
        return gcp.cloudfunctions.Function(n, region=TOKYO, runtime="python312", entry_point="main", labels=labels,
                                           kms_key_name=key, docker_repository="projects/p/locations/asia-northeast1/"
                                           "repositories/r", source_archive_bucket="b", source_archive_object="o.zip",
                                           trigger_http=True, opts=opts, vpc_connector=CONNECTOR,
                                           **{"vpc_connector_egress_settings": "ALL_TRAFFIC", **more})

    def zone(n, server):
        return gcp.dns.ManagedZone(n, dns_name="city.example.jp.", visibility="private", labels=labels, opts=opts,
                                   private_visibility_config={"networks": [{"network_url": NETWORK}]},
                                   forwarding_config={"target_name_servers": [{"ipv4_address": server}]})

    def firewall(n, ranges):
        return gcp.compute.Firewall(n, network="itabashi-lgwan", direction="INGRESS", source_ranges=ranges,
                                    allows=[{"protocol": "tcp", "ports": ["443"]}], opts=opts)

    return [
        ("iso-run-internal", set(), lambda n: run(n, ingress="INGRESS_TRAFFIC_INTERNAL_ONLY")),
        ("iso-run-default-ingress", {"GOV-ISO-001"}, lambda n: run(n)),
        ("iso-function-open", {"GOV-ISO-001"}, lambda n: gcp.cloudfunctionsv2.Function(
            n, location=TOKYO, labels=labels, kms_key_name=key, opts=opts,
            service_config={"available_memory": "256M"})),
        ("iso-gke-private-nodes", set(), lambda n: gke(n, private_cluster_config={**private_nodes,
                                                                                  "enable_private_endpoint": True})),
        ("iso-gke-public-nodes", {"GOV-ISO-001", "GOV-ISO-003"}, lambda n: gke(n)),
        # private nodes, but the control plane's public endpoint kept (the default), or its DNS
        # endpoint open to traffic from outside Google Cloud
        ("iso-gke-public-control-plane", {"GOV-ISO-001", "GOV-ISO-003"}, lambda n: gke(n, private_cluster_config=private_nodes)),
        ("iso-gke-dns-endpoint-external", {"GOV-ISO-001"}, lambda n: gke(
            n, private_cluster_config=private_nodes, control_plane_endpoints_config={
                "ip_endpoints_config": {"enabled": False}, "dns_endpoint_config": {"allow_external_traffic": True}})),
        ("iso-gke-dns-endpoint-internal", set(), lambda n: gke(
            n, private_cluster_config=private_nodes, control_plane_endpoints_config={
                "ip_endpoints_config": {"enabled": False}, "dns_endpoint_config": {"allow_external_traffic": False}})),
        ("iso-template-external-ip", {"GOV-ISO-001"}, lambda n: gcp.compute.InstanceTemplate(
            n, machine_type="e2-small", labels=labels, opts=opts,
            disks=[{"source_image": "debian-12", "boot": True, "disk_encryption_key": {"kms_key_self_link": key}}],
            network_interfaces=[{"network": "itabashi-lgwan", "access_configs": [{}]}])),
        # ways in and out that show no route (GOV-ISO-007), on the lgwan network
        ("iso-mirroring", {"GOV-ISO-007"}, lambda n: gcp.compute.PacketMirroring(
            n, region=TOKYO, network={"url": NETWORK}, mirrored_resources={"tags": ["app"]},
            collector_ilb={"url": "projects/vendor/regions/asia-northeast1/forwardingRules/collector"}, opts=opts)),
        ("iso-ncc-spoke", {"GOV-ISO-007"}, lambda n: gcp.networkconnectivity.Spoke(
            n, location="global", hub="projects/vendor/locations/global/hubs/shared", labels=labels, opts=opts,
            linked_vpc_network={"uri": NETWORK})),
        ("iso-serverless-connector", {"GOV-ISO-007"}, lambda n: gcp.vpcaccess.Connector(
            n, region=TOKYO, network="131199-itabashi-lgwan", ip_cidr_range="10.8.0.0/28", opts=opts)),
        ("iso-service-attachment-open", {"GOV-ISO-007"}, lambda n: gcp.compute.ServiceAttachment(
            n, region=TOKYO, connection_preference="ACCEPT_AUTOMATIC", enable_proxy_protocol=False, opts=opts,
            nat_subnets=["projects/itabashi-net/regions/asia-northeast1/subnetworks/psc-nat"],
            target_service="projects/itabashi-net/regions/asia-northeast1/forwardingRules/ilb")),
        # a route to half the internet (GOV-ISO-002; GOV-ACCT-005: outside the municipality's addresses),
        # and to the restricted Google APIs' range (not a way out)
        ("iso-lgwan-route-half-internet", {"GOV-ISO-002", "GOV-ACCT-005"}, lambda n: gcp.compute.Route(
            n, network=NETWORK, dest_range="128.0.0.0/1", next_hop_gateway="default-internet-gateway", opts=opts)),
        ("iso-lgwan-route-restricted-apis", set(), lambda n: gcp.compute.Route(
            n, network=NETWORK, dest_range="199.36.153.4/30", next_hop_gateway="default-internet-gateway",
            opts=opts)),
        # a project the declaration does not name, attached to the Shared VPC or granted a layer's
        # subnet (GOV-ACCT-007); a declared system's project, or a grant to only see the subnet, is not
        ("acct-undeclared-service-project", {"GOV-ACCT-007"}, lambda n: gcp.compute.SharedVPCServiceProject(
            n, host_project="itabashi-gov-network", service_project="vendor-x-sandbox", opts=opts)),
        # a peering (GOV-ISO-004, as any) with a network of a project the declaration does not name
        ("acct-peering-undeclared-project", {"GOV-ACCT-007", "GOV-ISO-004"}, lambda n: gcp.compute.NetworkPeering(
            n, network=NETWORK, peer_network="projects/vendor-x-sandbox/global/networks/shared-tools", opts=opts)),
        ("acct-peering-declared-project", {"GOV-ISO-004"}, lambda n: gcp.compute.NetworkPeering(
            n, network=NETWORK, peer_network="projects/itabashi-shinsei-c/global/networks/shinsei-apps", opts=opts)),
        ("acct-declared-service-project", set(), lambda n: gcp.compute.SharedVPCServiceProject(
            n, host_project="itabashi-gov-network", service_project="itabashi-shinsei-c", opts=opts)),
        ("acct-subnet-to-undeclared-project", {"GOV-ACCT-007"}, lambda n: gcp.compute.SubnetworkIAMMember(
            n, subnetwork="131199-itabashi-lgwan-shinsei", region=TOKYO, role="roles/compute.networkUser",
            member="serviceAccount:deployer@vendor-x-sandbox.iam.gserviceaccount.com", opts=opts)),
        ("acct-subnet-seen-by-undeclared-project", set(), lambda n: gcp.compute.SubnetworkIAMMember(
            n, subnetwork="131199-itabashi-lgwan-shinsei", region=TOKYO, role="roles/compute.networkViewer",
            member="serviceAccount:auditor@vendor-x-sandbox.iam.gserviceaccount.com", opts=opts)),
        # the layer's names sent to a server on the internet (GOV-ISO-007), or to the data center's
        ("iso-dns-policy-public-server", {"GOV-ISO-007"}, lambda n: gcp.dns.Policy(
            n, networks=[{"network_url": NETWORK}], opts=opts,
            alternative_name_server_config={"target_name_servers": [{"ipv4_address": "8.8.8.8"}]})),
        ("iso-forwarding-zone-public-server", {"GOV-ISO-007"}, lambda n: zone(n, "8.8.4.4")),
        ("iso-forwarding-zone-data-center", set(), lambda n: zone(n, "10.30.0.53")),
        ("iso-firewall-halves", {"GOV-ISO-003"}, lambda n: firewall(n, ["0.0.0.0/1", "128.0.0.0/1"])),
        ("iso-firewall-onprem", set(), lambda n: firewall(n, ["10.30.0.0/16"])),
        # public addresses other resources take (session 22's probe): a node pool taking its nodes
        # out of the cluster's private setting, a Cloud Build private pool's workers, a 1st gen
        # function open to all (its default)
        # (a node pool is in its cluster's layer; a worker pool takes no labels: its name says)
        ("iso-node-pool-public-nodes", {"GOV-ISO-001"}, lambda n: node_pool(n, network_config={
            "enable_private_nodes": False})),
        ("iso-node-pool-inherits", set(), lambda n: node_pool(n)),
        ("iso-lgwan-build-pool-external", {"GOV-ISO-001"}, lambda n: pool(n, {"machine_type": "e2-standard-4"})),
        ("iso-lgwan-build-pool-internal", set(), lambda n: pool(n, {"machine_type": "e2-standard-4",
                                                                     "no_external_ip": True})),
        ("iso-function-v1-open", {"GOV-ISO-001"}, lambda n: function_v1(n)),
        ("iso-function-v1-internal", set(), lambda n: function_v1(n, ingress_settings="ALLOW_INTERNAL_ONLY")),
        # serverless code leaving from Google's network rather than the layer's (session 22's probe)
        ("iso-function-v1-private-ranges-only", {"GOV-ISO-001"}, lambda n: function_v1(
            n, ingress_settings="ALLOW_INTERNAL_ONLY", vpc_connector_egress_settings="PRIVATE_RANGES_ONLY")),
        ("iso-run-no-vpc-egress", {"GOV-ISO-001"}, lambda n: gcp.cloudrunv2.Service(
            n, location=TOKYO, labels=labels, opts=opts, deletion_protection=False,
            ingress="INGRESS_TRAFFIC_INTERNAL_ONLY", template={"containers": [{"image": IMAGE}], "encryption_key": key})),
        # a database's authorized networks are its firewall (GOV-ISO-003, in every layer)
        ("iso-sql-internet-layer-open", {"GOV-ISO-003"}, lambda n: public_sql(n, ["0.0.0.0/1", "128.0.0.0/1"])),
        ("iso-sql-internet-layer-named", set(), lambda n: public_sql(n, ["203.0.113.0/28"])),
    ]
