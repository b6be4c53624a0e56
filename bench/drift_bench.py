"""Drift read efficiency against moto: a single-account tenancy with as many permitted flows
as a closed layer's network ACL holds at the raised quota (30; each flow a pair of VPC routes
and transit routes), read whole as `govcloud drift` reads it (both declared regions, every
read) and by a baseline that reads each declared resource on its own, the way
`pulumi refresh` does. Both sides are measured in the same run.

Until the NACL quota check (issue "Real AWS") this bench declared 245 flows and about 1,000
resources; such a tenancy is now refused, so the figures are not comparable with the old ones.

    python bench/drift_bench.py [--flows 30] [--runs 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")


def declaration(flows: int) -> str:
    lg = "\n".join(f"          - {{id: l{i:03d}, name: 申請系{i}, cidr: 10.100.{64 + i // 16}.{(i % 16) * 16}/28}}"
                   for i in range(flows))
    my = "\n".join(f"          - {{id: m{i:03d}, name: 基幹系{i}, cidr: 10.100.{i // 16}.{(i % 16) * 16}/28}}"
                   for i in range(flows))
    fl = "\n".join(f"      - {{name: f{i:03d}, from: {{layer: lgwan, system: l{i:03d}}}, "
                   f"to: {{layer: mynumber, system: m{i:03d}}}, protocol: tcp, ports: [443], reason: 連携{i}}}"
                   for i in range(flows))
    return f"""config:
  govcloud:tenancy:
    municipality: {{code: "141003", name: 横浜市, romaji: yokohama}}
    cloud: aws
    aws: {{naclRuleQuota: 40}}
    regions: {{primary: ap-northeast-1, secondary: ap-northeast-3}}
    addressSpace: 10.100.0.0/16
    dataCenter: {{name: DC, asn: 65100, prefixes: {{mynumber: [172.16.0.0/16], lgwan: [172.17.0.0/16]}}}}
    connectivity:
      cloudAsn: 64600
      redundancy: high
      lines:
        - {{name: tokyo-1, location: EqTY2, type: dedicated, bandwidth: 10Gbps, vlan: 101}}
        - {{name: osaka-1, location: EqOS1, type: dedicated, bandwidth: 10Gbps, vlan: 102}}
    layers:
      mynumber:
        prefixLength: 18
        subnetPrefixLength: 20
        systems:
{my}
      lgwan:
        prefixLength: 18
        subnetPrefixLength: 20
        systems:
{lg}
    flows:
{fl}
"""


def baseline(inventory: dict, ids: dict, client, calls: Counter) -> int:
    """One read per declared resource, by its id, in the resource's own region (what a
    refresh does). `client(service, region)` gives a client."""
    count = 0
    for r in inventory["resources"]:
        t, live = r["type"], ids.get(r["urn"])
        deps = r.get("dependencies", {})
        region = r["inputs"].get("region") or "ap-northeast-1"
        ec2, kms, s3, dx = (client(name, region) for name in ("ec2", "kms", "s3", "directconnect"))
        if t == "aws:ec2/vpc:Vpc":
            ec2.describe_vpcs(VpcIds=[live])
        elif t == "aws:ec2/subnet:Subnet":
            ec2.describe_subnets(SubnetIds=[live])
        elif t in ("aws:ec2/routeTable:RouteTable",):
            ec2.describe_route_tables(RouteTableIds=[live])
        elif t == "aws:ec2/route:Route":
            ec2.describe_route_tables(RouteTableIds=[ids[deps["routeTableId"][0]]])
        elif t == "aws:ec2/networkAcl:NetworkAcl":
            ec2.describe_network_acls(NetworkAclIds=[live])
        elif t == "aws:ec2/flowLog:FlowLog":
            ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [ids[deps["vpcId"][0]]]}])
        elif t == "aws:ec2transitgateway/transitGateway:TransitGateway":
            ec2.describe_transit_gateways(TransitGatewayIds=[live])
        elif t == "aws:ec2transitgateway/routeTable:RouteTable":
            ec2.describe_transit_gateway_route_tables(TransitGatewayRouteTableIds=[live])
        elif t == "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
            ec2.describe_transit_gateway_vpc_attachments(TransitGatewayAttachmentIds=[live])
        elif t == "aws:ec2transitgateway/route:Route" and "transitGatewayRouteTableId" in deps:
            ec2.search_transit_gateway_routes(TransitGatewayRouteTableId=ids[deps["transitGatewayRouteTableId"][0]],
                                              Filters=[{"Name": "route-search.exact-match",
                                                        "Values": [r["inputs"]["destinationCidrBlock"]]}])
        elif t == "aws:kms/key:Key":
            kms.describe_key(KeyId=live)
        elif t == "aws:s3/bucket:Bucket":
            s3.head_bucket(Bucket=live.split(":::")[1])
        elif t == "aws:directconnect/gateway:Gateway":
            dx.describe_direct_connect_gateways(directConnectGatewayId=live)
        elif t == "aws:directconnect/gatewayAssociation:GatewayAssociation":
            dx.describe_direct_connect_gateway_associations(directConnectGatewayId=ids[deps["dxGatewayId"][0]])
        elif t == "aws:directconnect/transitVirtualInterface:TransitVirtualInterface":
            dx.describe_virtual_interfaces(virtualInterfaceId=live)
        elif t == "aws:directconnect/connection:Connection":
            dx.describe_connections(connectionId=live)
        else:
            continue
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    # 30: the most flows into one closed layer that its network ACL holds at the raised quota (40)
    parser.add_argument("--flows", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from components.plan import record
    from clouds.aws.drift import scan
    from clouds.aws.sessions import drop_shared_clients
    from drift.desired import Declared
    from drift.compare import compare
    from network.declaration import loads
    from tests.clouds.aws.materialize import materialize, session
    from tests.clouds.aws.moto_server import MotoServer
    tenancy = loads(declaration(args.flows), "bench.yaml", "141003-yokohama")
    inventory = record(tenancy).as_dict()
    declared = [r for r in inventory["resources"] if r["custom"]]
    server = MotoServer()
    try:
        ids = materialize(inventory, server.url)
        s = session()
        scanned, read_individually, batched_calls, baseline_calls = [], [], [], []
        for _ in range(args.runs):
            drop_shared_clients()  # each scan makes its clients, as `govcloud drift` in a new process does
            start = time.perf_counter()
            # the whole tenancy as `govcloud drift` reads it: both declared regions, every read
            live, calls = scan(tenancy, {"session": s, "endpoint_url": server.url})
            findings = compare(Declared(inventory).items(), live)
            scanned.append(time.perf_counter() - start)
            batched_calls.append(calls)
            assert not findings, findings[:3]
            counter = Counter()
            clients: dict = {}

            def client(service, region):
                if (service, region) not in clients:
                    clients[(service, region)] = s.client(service, endpoint_url=server.url, region_name=region)
                return clients[(service, region)]
            start = time.perf_counter()
            n = baseline(inventory, ids, client, counter)
            read_individually.append(time.perf_counter() - start)
            baseline_calls.append(n)
    finally:
        server.stop()
    per = statistics.median(batched_calls) / len(declared)
    speedup = statistics.median(read_individually) / statistics.median(scanned)
    print(f"declared resources: {len(declared)} (inventory), flows: {args.flows}")
    print(f"| drift-calls-per-resource | batched scanner, API calls per declared resource | ≤ 0.05 | "
          f"{per:.3f} ({statistics.median(batched_calls):.0f} calls) | "
          f"baseline: {statistics.median(baseline_calls) / len(declared):.2f} ({statistics.median(baseline_calls):.0f} calls) |")
    print(f"| drift-wall | scan + compare vs per-resource reads, same run | ≥ 10× faster | {speedup:.1f}× "
          f"({statistics.median(scanned):.2f} s vs {statistics.median(read_individually):.2f} s) | "
          f"scanner {', '.join(f'{x:.2f}' for x in scanned)}; baseline {', '.join(f'{x:.2f}' for x in read_individually)} |")


if __name__ == "__main__":
    main()
