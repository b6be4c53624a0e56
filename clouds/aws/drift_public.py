"""What answers from the internet inside a layer VPC (AWS side of drift; `answering_publicly`
is called from clouds/aws/drift_exposure.py `exposures`): databases, Redshift clusters, DMS
replication instances and MQ brokers made publicly accessible, internet-facing load balancers,
EKS clusters with a public API endpoint, the VPC links that put a layer's load balancer or
subnets behind a public API Gateway, and the function URLs of functions that run in a layer VPC.

The stack declares none of them. On AWS a public database's or load balancer's interface
carries a public address, but moto makes no interface for either: each is read from its own
service, so a finding is the same on moto and AWS, and those interfaces are not also reported
as `public_ip` (clouds/aws/drift_scanner.py `SERVICE_REQUESTERS`)."""
from __future__ import annotations

from clouds.aws.drift_data import unless_code
from clouds.aws.drift_forms import policy_form, principals_of
from clouds.aws.drift_managed import managed_in_public, vpc_of
from drift.items import Item

#: how EKS and Lambda answer for a cluster or function deleted between the list and the read
GONE = ("ResourceNotFoundException",)

#: the schemes of a load balancer that answers from the internet (elbv2 and Classic: "The nodes
#: of an Internet-facing load balancer have public IP addresses", ELB API Reference)
INTERNET_FACING = "internet-facing"


def load_balancers(scanner) -> list[dict]:
    """Every Application, Network and Gateway Load Balancer of the account and region (one
    paginated DescribeLoadBalancers), read once per scan."""
    if scanner._balancers is None:
        scanner._balancers = scanner._all("elbv2", "describe_load_balancers", "LoadBalancers")
    return scanner._balancers


def public_load_balancers(scanner, names: dict, layers: dict) -> list[Item]:
    """Every internet-facing load balancer in a layer VPC, current and Classic (one more
    DescribeLoadBalancers, of the `elb` API): it answers from the internet and passes on to
    its targets in the layer. The stack declares none. Its nodes' public addresses are this
    finding, not `public_ip`s (clouds/aws/drift_scanner.py skips ELB's interfaces)."""
    current = [(lb.get("VpcId"), lb["LoadBalancerName"], lb.get("Type"), lb.get("LoadBalancerArn"))
               for lb in load_balancers(scanner) if lb.get("Scheme") == INTERNET_FACING]
    classic = [(lb.get("VPCId"), lb["LoadBalancerName"], "classic", lb["LoadBalancerName"])
               for lb in scanner._all("elb", "describe_load_balancers", "LoadBalancerDescriptions")
               if lb.get("Scheme") == INTERNET_FACING]
    return [Item("public_lb", (names[vpc], name), layers.get(vpc), {"type": kind}, ref)
            for vpc, name, kind, ref in current + classic if vpc in names]


def public_clusters(scanner, names: dict, layers: dict) -> list[Item]:
    """Every EKS cluster in a layer VPC whose Kubernetes API answers on the internet: one
    ListClusters per account and region, one DescribeCluster per cluster. EKS API Reference,
    VpcConfigRequest: endpointPublicAccess "The default value for this parameter is true",
    publicAccessCidrs "The default value is 0.0.0.0/0". The stack declares no cluster; one with
    a private endpoint only is the layer's business. Its VPC is the one of its subnets."""
    items = []
    for name in scanner._all("eks", "list_clusters", "clusters"):
        # a cluster deleted since the list was read is not there
        answer = unless_code(lambda: scanner._page("eks", "describe_cluster", name=name), GONE, {})
        config = (answer.get("cluster") or {}).get("resourcesVpcConfig") or {}
        vpc = vpc_of(scanner, config.get("vpcId"), config.get("subnetIds"))
        if vpc in names and config.get("endpointPublicAccess", True):
            items.append(Item("eks_public", (names[vpc], name), layers.get(vpc),
                              {"public_cidrs": sorted(config.get("publicAccessCidrs") or ["0.0.0.0/0"])}, name))
    return items


def public_databases(scanner, names: dict, layers: dict) -> list[Item]:
    """Every database instance in a layer VPC that answers on a public address: one
    DescribeDBInstances per account and region, which "can also return information for Amazon
    Neptune DB instances and Amazon DocumentDB instances" (RDS API Reference). PubliclyAccessible:
    "its DNS endpoint resolves to the public IP address" from outside the VPC. The stack declares
    no database; a vendor's private one is the layer's business. Its interface's public address
    is this finding, not a `public_ip` (clouds/aws/drift_scanner.py skips RDS's interfaces)."""
    return [Item("public_db", (names[vpc], db["DBInstanceIdentifier"]), layers.get(vpc),
                 {"engine": db.get("Engine")}, db.get("DBInstanceArn") or db["DBInstanceIdentifier"])
            for db in scanner._all("rds", "describe_db_instances", "DBInstances")
            if (vpc := (db.get("DBSubnetGroup") or {}).get("VpcId")) in names and db.get("PubliclyAccessible")
            and db.get("DBInstanceStatus") != "deleting"]


def public_data_services(scanner, names: dict, layers: dict) -> list[Item]:
    """Redshift clusters, DMS replication instances and Amazon MQ brokers in a layer VPC that are
    publicly accessible (`public_db` too: what holds the layer's data, answering on the internet):
    one DescribeClusters, DescribeReplicationInstances and ListBrokers per account and region, one
    DescribeBroker per broker (the list names no subnets). A cluster's VPC is its `VpcId`, or else
    its subnet group's (DescribeClusterSubnetGroups, only when the answer names no VPC)."""
    clusters = [c for c in scanner._all("redshift", "describe_clusters", "Clusters")
                if c.get("PubliclyAccessible") and c.get("ClusterStatus") != "deleting"]
    groups = {}
    if any(not c.get("VpcId") for c in clusters):
        groups = {g["ClusterSubnetGroupName"]: g.get("VpcId")
                  for g in scanner._all("redshift", "describe_cluster_subnet_groups", "ClusterSubnetGroups")}
    found = [(c.get("VpcId") or groups.get(c.get("ClusterSubnetGroupName")), c["ClusterIdentifier"], "redshift")
             for c in clusters]
    # a replication instance (PubliclyAccessible "The default value is true", DMS API Reference):
    # the tool of a migration from the data center, holding what it copies
    found += [((i.get("ReplicationSubnetGroup") or {}).get("VpcId"), i["ReplicationInstanceIdentifier"], "dms")
              for i in scanner._all("dms", "describe_replication_instances", "ReplicationInstances")
              if i.get("PubliclyAccessible") and i.get("ReplicationInstanceStatus") != "deleting"]
    for summary in scanner._all("mq", "list_brokers", "BrokerSummaries"):
        broker = unless_code(lambda: scanner._page("mq", "describe_broker", BrokerId=summary["BrokerId"]),
                             ("NotFoundException",), {})
        if broker.get("PubliclyAccessible") and broker.get("BrokerState") != "DELETION_IN_PROGRESS":
            found.append((vpc_of(scanner, None, broker.get("SubnetIds")), summary["BrokerName"],
                          str(broker.get("EngineType", "mq")).lower()))
    return [Item("public_db", (names[vpc], name), layers.get(vpc), {"engine": engine}, name)
            for vpc, name, engine in found if vpc in names]


def vpc_links(scanner, names: dict, layers: dict) -> list[Item]:
    """Every API Gateway VPC link into a layer VPC: a REST API's (GetVpcLinks of `apigateway`:
    `targetArns`, the Network Load Balancers it reaches) and an HTTP API's (GetVpcLinks of
    `apigatewayv2`: `SubnetIds`, where its interfaces are), one call each per account and
    region. The API is public unless made private, and the link passes its requests to an
    internal load balancer or into the subnets: a way in from the internet that no internet
    gateway, route or public address shows."""
    balancer_vpc = {lb["LoadBalancerArn"]: lb.get("VpcId") for lb in load_balancers(scanner)}
    links = [(link.get("name") or link["id"], {balancer_vpc.get(arn) for arn in link.get("targetArns") or []},
              link["id"])
             for link in scanner._all("apigateway", "get_vpc_links", "items")
             if link.get("status") not in ("DELETING", "FAILED")]
    links += [(link.get("Name") or link["VpcLinkId"], {scanner.subnet_vpcs.get(s) for s in link.get("SubnetIds") or []},
               link["VpcLinkId"]) for link in _http_api_links(scanner)
              if link.get("VpcLinkStatus") not in ("DELETING", "FAILED")]
    return [Item("vpc_link", (names[vpc], name), layers.get(vpc), {}, ref)
            for name, vpcs, ref in links for vpc in sorted(v for v in vpcs if v in names)]


def _http_api_links(scanner) -> list[dict]:
    """apigatewayv2 GetVpcLinks page by page (boto3 has no paginator for it: NextToken)."""
    links, token = [], None
    while True:
        page = scanner._page("apigatewayv2", "get_vpc_links", **({"NextToken": token} if token else {}))
        links += page.get("Items") or []
        token = page.get("NextToken")
        if not token:
            return links


def function_urls(scanner, names: dict, layers: dict, functions: list | None = None) -> list[Item]:
    """Every Lambda function URL of a function that runs in a layer VPC, and who else may invoke
    such a function: one ListFunctions per account and region (its `VpcConfig`), and per
    function in a layer VPC one ListFunctionUrlConfigs (a URL may be the function's or an
    alias's) and one GetPolicy. A function URL is "a dedicated HTTP(S) endpoint" on the
    internet; with AuthType NONE anyone may call code that reaches the layer (Lambda Developer
    Guide, function URLs). Its resource-based policy may "grant access to other AWS accounts,
    organizations, or services" (Lambda Developer Guide, "Viewing resource-based IAM policies in
    Lambda"); a service granted "without specifying the source" may be driven by "other accounts"
    (Lambda API Reference, AddPermission)."""
    items = []
    for function in scanner._all("lambda", "list_functions", "Functions") if functions is None else functions:
        config = function.get("VpcConfig") or {}
        vpc = vpc_of(scanner, config.get("VpcId"), config.get("SubnetIds"))
        if vpc not in names:
            continue
        name = function["FunctionName"]
        for url in unless_code(lambda: scanner._all("lambda", "list_function_url_configs", "FunctionUrlConfigs",
                                                    FunctionName=name), GONE, []):
            # the function's own URL (its ARN names it), or an alias's (name:alias)
            qualified = str(url.get("FunctionArn") or name).split(":function:", 1)[-1]
            items.append(Item("function_url", (names[vpc], qualified), layers.get(vpc),
                              {"auth": url.get("AuthType")}, url.get("FunctionUrl") or name))
        invokers = invokers_outside(unless_code(lambda: scanner._page("lambda", "get_policy", FunctionName=name)
                                                .get("Policy"), GONE, None), function.get("FunctionArn", ""))
        if invokers:
            items.append(Item("function_invokers", (names[vpc], name), layers.get(vpc), {"invokers": invokers},
                              function.get("FunctionArn") or name))
    return items


def invokers_outside(policy, function_arn: str) -> list[str]:
    """Whom a function's policy lets invoke it from outside its own account: `*` (anyone), an
    account or principal of another account (`AWS:<arn or id>`), or a service (`Service:<name>`,
    such as API Gateway or an internet-facing load balancer fronting it). The function's own
    account is the one that may already call it through IAM. No policy: none."""
    own = function_arn.split(":")[4] if function_arn.count(":") >= 4 else None
    form = policy_form(policy) or []
    out = []
    for principal in principals_of(form):
        account = principal.split(":", 1)[1] if principal.startswith("AWS:") else ""
        account = account.split(":")[4] if account.startswith("arn:") and account.count(":") >= 4 else account
        if principal.startswith("AWS:") and own and account == own:
            continue
        out.append(principal)
    return out


def answering_publicly(scanner, names: dict, layers: dict) -> list[Item]:
    """Every read of this module for the layer VPCs `names` (id -> name)."""
    from clouds.aws.drift_fronts import fronted_targets
    functions = scanner._all("lambda", "list_functions", "Functions")  # read once, for both below
    return (public_databases(scanner, names, layers) + public_data_services(scanner, names, layers) +
            public_load_balancers(scanner, names, layers) +
            public_clusters(scanner, names, layers) + vpc_links(scanner, names, layers) +
            function_urls(scanner, names, layers, functions) + managed_in_public(scanner, names, layers) +
            fronted_targets(scanner, load_balancers(scanner), functions, layers))
