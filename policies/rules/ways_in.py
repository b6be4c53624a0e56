"""Ways into and out of a closed layer that show no route (経路に現れない出入口): what drift reports
as critical when it finds it live (docs/drift.md, "Relationships"), refused here before it is
built. A vendor's addition to the mynumber or lgwan VPC that lets traffic in or out beside the
declared line and transit gateway: a virtual private gateway, an attachment to a transit
gateway that is not the tenancy's, a PrivateLink endpoint to someone else's service, a VPC
endpoint whose policy lets the layer reach any account's resources, a Client VPN association,
an EC2 Instance Connect endpoint, a VPC Lattice association, a Verified Access endpoint, a
Cloud WAN attachment, a VPC Route Server (its BGP routes in the layer's tables); on Google
Cloud a packet mirroring, a Network Connectivity Center spoke, a Serverless VPC Access
connector, a Private Service Connect endpoint to another producer's service, a firewall rule
admitting Identity-Aware Proxy's TCP forwarding (SSH from the internet); and, in any
layer, an endpoint service or service attachment that lets everyone connect to a load balancer
inside, or a Private Service Connect endpoint to all-apis (past the VPC Service Controls
perimeter). A closed
layer's names asked of a name server on the internet are a way out too: a Route 53 Resolver
forwarding rule or a DHCP option set associated with the layer's VPC, a Cloud DNS server policy
or forwarding zone on its network, that sends queries to a public address (the names the
layer looks up, and whatever a query can carry, leave through the resolver).
"""
from __future__ import annotations

from inventory.layers import named_layer
from network.catalog import CLOSED_LAYERS as CLOSED
from network.openness import IAP_SOURCES, outside, reaches_public
from policies.props import values
from policies.registry import Finding, stack_rule
from policies.rules.public_access import reaches_any_account

VPN_GATEWAYS = ("aws:ec2/vpnGateway:VpnGateway", "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment")
TGW_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint"
#: (type, the input that places it in a layer when no tag does) reached by no other rule
PLACED = {"aws:ec2clientvpn/networkAssociation:NetworkAssociation": "subnetId",
          "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint": "subnetId",
          "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation": "vpcIdentifier",
          "aws:networkmanager/vpcAttachment:VpcAttachment": "vpcArn",
          "aws:vpc/routeServerVpcAssociation:RouteServerVpcAssociation": "vpcId",
          "aws:vpc/routeServerPropagation:RouteServerPropagation": "routeTableId",
          "aws:verifiedaccess/endpoint:Endpoint": "loadBalancerOptions",
          # an endpoint's policy set apart from it (judged as the endpoint's own, below)
          "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": "vpcEndpointId"}
WHAT = {"aws:ec2clientvpn/networkAssociation:NetworkAssociation":
        "a Client VPN association: everyone who can authenticate to the endpoint is inside the layer",
        "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint":
        "an EC2 Instance Connect endpoint: SSH and RDP to the layer's instances from anywhere, through AWS",
        "aws:vpclattice/serviceNetworkVpcAssociation:ServiceNetworkVpcAssociation":
        "a VPC Lattice association: the layer reaches every service of the network, and they it",
        # pulumi_aws networkmanager.VpcAttachment: "Resource for managing an AWS Network Manager VPC
        # Attachment" (Cloud WAN): a network of its own, beside the tenancy's transit gateway
        "aws:networkmanager/vpcAttachment:VpcAttachment":
        "a Cloud WAN attachment: the layer joined to a core network beside the tenancy's transit gateway",
        # VPC Route Server: routes learned over BGP from peers are installed in the tables it propagates to
        "aws:vpc/routeServerVpcAssociation:RouteServerVpcAssociation":
        "a VPC Route Server: routes learned over BGP from peers nobody declared, in the layer's VPC",
        "aws:vpc/routeServerPropagation:RouteServerPropagation":
        "a Route Server propagation: routes learned over BGP installed in the layer's route table",
        "aws:verifiedaccess/endpoint:Endpoint":
        "a Verified Access endpoint: the layer's application published to the internet behind an identity check"}
#: pulumi_aws ec2.VpcEndpointServiceAllowedPrinciple principal_arn: "The ARN of the principal to allow
#: permissions"; "*" is every AWS account, as in the service's own allowed_principals
ALLOWED_PRINCIPLE = "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple"
ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy"
ENDPOINT_SERVICE = "aws:ec2/vpcEndpointService:VpcEndpointService"
#: associations that give a VPC its name servers: (the input naming what is associated, that
#: resource's inputs holding the servers' addresses). pulumi_aws route53.ResolverRule
#: target_ips "Configuration block(s) indicating the IPs that you want Resolver to forward DNS
#: queries to"; ec2.VpcDhcpOptions domain_name_servers "List of name servers to configure in
#: /etc/resolv.conf" (AmazonProvidedDNS is the VPC's own)
NAME_SERVERS = {"aws:route53/resolverRuleAssociation:ResolverRuleAssociation": ("resolverRuleId", "targetIps.ip"),
                "aws:ec2/vpcDhcpOptionsAssociation:VpcDhcpOptionsAssociation": ("dhcpOptionsId",
                                                                                 "domainNameServers")}
#: Cloud DNS: (the networks it applies to, the servers it sends queries to). pulumi_gcp
#: dns.Policy alternative_name_server_config "Sets an alternative name server for the
#: associated networks. When specified, all DNS queries are forwarded to a name server that you
#: choose"; dns.ManagedZone forwarding_config "The presence for this field indicates that
#: outbound forwarding is enabled for this zone"
G_NAME_SERVERS = {"gcp:dns/policy:Policy": ("networks.networkUrl", "alternativeNameServerConfig.targetNameServers"
                                                                   ".ipv4Address"),
                  "gcp:dns/managedZone:ManagedZone": ("privateVisibilityConfig.networks.networkUrl",
                                                      "forwardingConfig.targetNameServers.ipv4Address")}


def _public_servers(props, path: str) -> list[str]:
    """The addresses at `path` that are on the internet (a private one is the data center's
    or the layer's own resolver, reached over the declared line)."""
    return [str(a) for a in values(props, path) if a and str(a)[:1].isdigit() and reaches_public([str(a)])]
#: Google Cloud: (type, where its network is named: a dotted path to a network URL or name)
G_NETWORKED = {"gcp:compute/packetMirroring:PacketMirroring": "network.url",
               "gcp:networkconnectivity/spoke:Spoke": "linkedVpcNetwork.uri",
               "gcp:vpcaccess/connector:Connector": "network",
               "gcp:compute/forwardingRule:ForwardingRule": "network",
               "gcp:compute/globalForwardingRule:GlobalForwardingRule": "network"}
G_WHAT = {"gcp:compute/packetMirroring:PacketMirroring": "a packet mirroring: a copy of the layer's traffic sent to "
                                                         "a collector",
          "gcp:networkconnectivity/spoke:Spoke": "a Network Connectivity Center spoke: the layer's network joined "
                                                 "to a hub with others",
          "gcp:vpcaccess/connector:Connector": "a Serverless VPC Access connector: serverless services (which may "
                                               "answer the internet) inside the layer's network"}


def _g_layer(ctx, r, path: str) -> str | None:
    """A Google Cloud resource's layer: its own (label, link, name), else the layer its
    network's name says (the components name every network after its layer)."""
    layer = ctx.layer(r)
    if layer:
        return layer
    value = r.props
    for part in path.split("."):
        value = value.get(part) if hasattr(value, "get") else None
    return named_layer(str(value or "").rstrip("/").rsplit("/", 1)[-1], r.stack) if value else None


def _iap_sources(r) -> list[str]:
    """The source ranges of an enabled ingress allow rule that lie within Identity-Aware Proxy's
    TCP forwarding ranges (network/openness.py; IAP "lets you control who can access
    administrative services like SSH and RDP on your backends from the public internet", TCP
    forwarding overview). A wider range, 0.0.0.0/0, is GOV-ISO-003's."""
    if r.get("direction", "INGRESS") != "INGRESS" or not r.get("allows") or r.get("disabled"):
        return []
    sources = [str(s) for s in r.get("sourceRanges") or []]
    beside = set(outside(sources, IAP_SOURCES))
    return [s for s in sources if s not in beside]


def _g_findings(ctx, r) -> list[str]:
    """Why a Google Cloud resource is a way into or out of a closed layer (or, for a service
    attachment accepting anyone and an endpoint to every Google API, of any layer)."""
    if r.type == "gcp:compute/firewall:Firewall":
        iap = _iap_sources(r) if ctx.layer(r) in CLOSED else []
        return [f"admits Identity-Aware Proxy's TCP forwarding ({', '.join(iap)}): SSH, RDP and any port of the "
                "layer's VMs from anywhere on the internet, through Google, for whoever IAM lets tunnel"] if iap else []
    if r.type == "gcp:compute/serviceAttachment:ServiceAttachment":
        auto = str(r.get("connectionPreference") or "") == "ACCEPT_AUTOMATIC"
        if auto or ctx.layer(r) in CLOSED:
            return ["a service attachment publishing a load balancer to other projects"
                    + (" (ACCEPT_AUTOMATIC: any project)" if auto else "")]
        return []
    if r.type in G_NAME_SERVERS:
        networks, servers = G_NAME_SERVERS[r.type]
        public = _public_servers(r.props, servers)
        if not public:
            return []  # (the networks, often unknown in a first preview, are read only when it matters)
        layers = sorted({named_layer(str(n or "").rstrip("/").rsplit("/", 1)[-1], r.stack)
                         for n in values(r.props, networks)} & set(CLOSED))
        return [f"sends {'/'.join(layers)}'s DNS queries to {', '.join(public)} on the internet"] if layers else []
    if r.type not in G_NETWORKED:
        return []
    layer = _g_layer(ctx, r, G_NETWORKED[r.type])
    if r.type.endswith("ForwardingRule"):
        target = str(r.get("target") or "")
        if target == "all-apis":
            return ["a Private Service Connect endpoint to all-apis: every Google API, past the VPC Service Controls "
                    "perimeter (use vpc-sc)"]
        if "/serviceAttachments/" in target and layer in CLOSED:
            return [f"a Private Service Connect endpoint in {layer} to another producer's service ({target})"]
        return []
    return [G_WHAT[r.type]] if layer in CLOSED else []


def _layer(ctx, r, prop: str | None = None) -> str | None:
    """The resource's layer, or the layer of what `prop` names when it is in the stack."""
    layer = ctx.layer(r)
    if layer is None and prop:
        target = ctx.target(r, prop)
        layer = ctx.layer(target) if target is not None else None
    return layer


def _endpoint(r) -> str | None:
    """Why an endpoint in a closed layer is a way out, or None."""
    service = str(r.get("serviceName") or "")
    if service.startswith("com.amazonaws.vpce.") or not service.startswith("com.amazonaws."):
        return f"a PrivateLink endpoint to a service that is not AWS's ({service}): someone else's network"
    policy = r.get("policy")
    if not policy:
        return (f"an endpoint to {service} without a policy: AWS's default allows full access, to every "
                "account's resources of the service")
    return _open_policy(f"an endpoint to {service} whose policy", policy)


def _open_policy(what: str, policy) -> str | None:
    """Why an endpoint policy is a way out: its statements that let anyone reach any account's
    resources; None when it has none."""
    open_statements = reaches_any_account(policy)
    return (f"{what} lets anyone reach any account's resources through it ({', '.join(open_statements)})"
            if open_statements else None)


@stack_rule(id="GOV-ISO-007", severity="critical", family="isolation", needs_declaration=False,
            title_en="No way into or out of mynumber or lgwan beside the declared line (gateways, endpoints, "
                     "remote access)",
            title_ja="マイナンバー利用事務系・LGWAN接続系に宣言された回線以外の出入口（ゲートウェイ・エンドポイント・"
                     "リモートアクセス）を置かない",
            rationale="A closed layer reaches the data center over the declared line and other layers only "
                      "through the declared flows; a virtual private gateway, an attachment to another transit "
                      "gateway, someone else's PrivateLink service, an endpoint open to every account, remote "
                      "access (Client VPN, Instance Connect, Verified Access, IAP TCP forwarding), a Lattice "
                      "network, a Cloud WAN "
                      "attachment, a VPC Route Server's BGP routes, a packet mirroring, a Network Connectivity "
                      "Center spoke or a Serverless VPC Access connector is a path no route table "
                      "shows, and so is a resolver, DHCP option set or Cloud DNS policy sending the layer's DNS "
                      "queries to the internet. An endpoint service or service attachment open to everyone "
                      "publishes a load balancer inside, and a Private Service Connect endpoint to all-apis passes the VPC Service "
                      "Controls perimeter.",
            remediation="Remove it; reach the data center through the declared line, other layers through a "
                        "declared flow, AWS services through the layer's own endpoints (with their policies), "
                        "names through the VPC's own resolver or the data center's name servers.")
def no_hidden_ways(resources, ctx):
    for r in resources:
        kind = r.type.rsplit(":", 1)[-1]
        if r.type.startswith("gcp:"):
            for why in _g_findings(ctx, r):
                yield Finding(f"{kind} {r.name}: {why}", r.urn)
            continue
        if r.type == ENDPOINT_SERVICE and "*" in [str(p) for p in r.get("allowedPrincipals") or []] or \
                r.type == ALLOWED_PRINCIPLE and str(r.get("principalArn") or "") == "*":
            yield Finding(f"{kind} {r.name} lets every AWS account connect to its load balancers (allowed "
                          "principal \"*\")", r.urn)
        placed_by = PLACED.get(r.type) or ("vpcId" if r.type in (*VPN_GATEWAYS, TGW_ATTACHMENT, ENDPOINT,
                                                                 *NAME_SERVERS) else None)
        layer = _layer(ctx, r, placed_by) if placed_by else None
        if layer not in CLOSED:
            continue
        if r.type in VPN_GATEWAYS:
            why = "a line into the layer beside the declared one"
        elif r.type == TGW_ATTACHMENT:
            foreign = r.get("transitGatewayId") and ctx.target(r, "transitGatewayId") is None
            why = f"joined to transit gateway {r.get('transitGatewayId')}, which is not the tenancy's" if foreign else None
        elif r.type == ENDPOINT:
            why = _endpoint(r)
        elif r.type == ENDPOINT_POLICY:
            why = _open_policy("an endpoint policy", r.get("policy")) if r.get("policy") else None
        elif r.type in NAME_SERVERS:
            named, servers = NAME_SERVERS[r.type]
            target = ctx.target(r, named)  # judged when it is in the stack
            public = _public_servers(target.props, servers) if target is not None else []
            why = f"the layer's DNS queries go to {', '.join(public)} on the internet" if public else None
        else:
            why = WHAT[r.type]
        if why:
            yield Finding(f"{kind} {r.name} in {layer}: {why}", r.urn, ("layers", layer))
