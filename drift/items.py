"""The common shape both sides are turned into before comparing: an Item per thing that
matters, keyed by names and destinations (never by ids, which differ between a plan and
the cloud), with the properties that matter."""
from __future__ import annotations

from dataclasses import dataclass, field

from network.catalog import LAYER_IDS

#: the far end of a path out of the tenancy (a VPC or network of no layer)
OUTSIDE = "outside the tenancy"


def most_closed(layers) -> str | None:
    """The layer a path between `layers` is attributed to: the most closed of them (mynumber,
    then lgwan, then internet; anything else last); None for none."""
    return min(layers, key=lambda x: LAYER_IDS.index(x) if x in LAYER_IDS else len(LAYER_IDS), default=None)


@dataclass
class Item:
    kind: str  # vpc, subnet, route, tgw_route, ... (see KINDS)
    key: tuple  # identity: names, destinations
    layer: str | None = None
    props: dict = field(default_factory=dict)
    ref: str | None = None  # live id, or the URN on the declared side, for people

    @property
    def ident(self) -> tuple:
        return (self.kind, *self.key)

    def label(self) -> str:
        return f"{self.kind} {'/'.join(str(k) for k in self.key)}"


#: kind -> (what it is, whether an undeclared live one is reported as unmanaged)
KINDS = {
    "vpc": ("VPC", True), "subnet": ("subnet", True), "route_table": ("route table", True),
    "route": ("VPC route", True), "igw": ("internet gateway", True), "nat": ("NAT gateway", True),
    "default_sg": ("default security group", False), "security_group": ("security group", True),
    "nacl": ("network ACL", False), "peering": ("VPC peering", True), "flow_log": ("flow log", True),
    "public_ip": ("public IP on a network interface (an instance or an Elastic IP)", True), "tgw": ("transit gateway", True),
    "tgw_route_table": ("transit route table", True), "tgw_route": ("transit route", True),
    "tgw_association": ("transit association", True), "tgw_propagation": ("transit propagation", True),
    "tgw_attachment": ("transit attachment", True), "kms_key": ("KMS key", True),
    "kms_alias": ("KMS alias", True), "bucket": ("bucket", True),
    "subnet_link": ("subnet association", False), "endpoint": ("VPC endpoint", True),
    "eigw": ("egress-only internet gateway", True), "vgw": ("VPN gateway", True),
    "cagw": ("carrier gateway (Wavelength) on a layer VPC", True),
    "dx_connection": ("Direct Connect connection", True), "vpn": ("Site-to-Site VPN", True),
    "dx_gateway": ("Direct Connect gateway", True), "dx_association": ("Direct Connect gateway association", True),
    "dx_vif": ("Direct Connect virtual interface", True),
    "footprint": ("resource carrying the municipality code outside the declared regions", True),
    "ebs_default": ("EBS default encryption", False),
    "s3_account_block": ("S3 Block Public Access of the account", False),
    "ram_share": ("resource share (RAM)", True),
    "resolver_rule": ("DNS forwarding rule (Route 53 Resolver)", True),
    "resolver_endpoint": ("Route 53 Resolver endpoint in a layer VPC", True),
    "public_db": ("database instance in a layer VPC answering on a public address", True),
    "public_lb": ("internet-facing load balancer in a layer VPC", True),
    "eks_public": ("EKS cluster in a layer VPC with a public API endpoint", True),
    "vpc_link": ("API Gateway VPC link into a layer VPC", True),
    "function_url": ("Lambda function URL of a function in a layer VPC", True),
    "function_invokers": ("Lambda function in a layer VPC that anyone, another account or a service may invoke", True),
    "fronted_target": ("target in a closed layer of an internet-facing load balancer's target group", True),
    "public_task": ("ECS service giving its tasks public IPs in a layer VPC", True),
    "notebook_internet": ("SageMaker notebook in a layer subnet with SageMaker's own internet access", True),
    "public_transfer": ("Transfer Family server in a layer VPC made internet-facing", True),
    "public_desktop": ("WorkSpaces directory in a layer's subnets giving its desktops the internet", True),
    "bridge": ("instance with interfaces in more than one layer's VPC", True),
    "edge_association": ("route table steering what comes in through a gateway (edge association)", True),
    "connect_endpoint": ("EC2 Instance Connect Endpoint in a layer VPC", True),
    "client_vpn": ("Client VPN endpoint letting remote users into a layer VPC", True),
    "verified_access": ("Verified Access endpoint publishing a layer VPC's application to the internet", True),
    "mirror_session": ("traffic mirror session copying a layer's packets", True),
    "lattice_association": ("VPC Lattice service network associated with a layer VPC", True),
    "resource_gateway": ("VPC Lattice resource gateway offering a layer VPC's resources to others", True),
    "query_log": ("Route 53 Resolver query logging copying a layer VPC's DNS queries", True),
    "endpoint_service": ("PrivateLink endpoint service offered from a layer VPC", True),
    "private_zone": ("Route 53 private hosted zone associated with a layer VPC", True),
    "public_copy": ("snapshot or AMI that every AWS account (public) or an account outside the tenancy may use", True),
    # Google Cloud
    "network": ("VPC network", True), "g_subnet": ("subnet", True), "firewall": ("firewall rule", True),
    "g_route": ("route", True), "router": ("Cloud Router", True), "g_nat": ("Cloud NAT", True),
    "g_peering": ("network peering", True), "g_public_ip": ("instance with an external IP", True),
    "attachment": ("Interconnect attachment", True), "g_bgp_peer": ("Cloud Router BGP peer", True),
    "g_route_policy": ("Cloud Router route policy", True), "g_vpn_tunnel": ("HA VPN tunnel", True),
    "g_kms_key": ("Cloud KMS key", True), "g_log_bucket": ("log bucket", True),
    "g_subnet_access": ("subnet IAM (who may use it)", False), "g_log_sink": ("log sink", True),
    "g_shared_vpc": ("Shared VPC grant on the host project", True),
    "g_dns_zone": ("Cloud DNS zone", True), "g_dns_record": ("Cloud DNS record", True),
    "g_dns_policy": ("Cloud DNS policy", True),
    "g_dns_response_policy": ("Cloud DNS response policy on a layer network", True),
    "g_bridge": ("VM with interfaces in more than one layer's network", True),
    "g_forwarding_rule": ("forwarding rule (load balancer or Private Service Connect endpoint)", True),
    "g_service_attachment": ("Private Service Connect service attachment publishing a layer", True),
    "g_external_backend": ("external load balancer's backend service on a layer network", True),
    "g_fw_policy": ("network firewall policy on a layer network", True),
    "g_mirroring": ("packet mirroring of a layer network", True),
    "g_ncc_spoke": ("Network Connectivity Center spoke joining the tenancy to a hub", True),
    "g_vpc_connector": ("Serverless VPC Access connector into a layer network", True),
    "g_pbr": ("policy-based route on a layer network", True),
    "g_public_sql": ("Cloud SQL instance with a public IPv4 address", True),
    "g_public_alloydb": ("AlloyDB instance with a public IP (inbound or outbound)", True),
    "g_run_on_layer": ("Cloud Run service taking outside requests with Direct VPC egress on a layer network", True),
    "g_gke_public": ("GKE cluster on a layer network with a public control plane or nodes", True),
    "g_org_policy": ("organization policy on the project", True),
}
