"""AWS (ガバメントクラウド on Amazon Web Services): one VPC per layer, a transit gateway with a
route table per layer, Direct Connect to the municipal data center, Site-to-Site VPN as
the backup path."""
from __future__ import annotations

from clouds.aws import catalog, declaration
from clouds.base import Cloud
from network.catalog import LAYER_IDS
from network.redundancy import Site


class AwsCloud(Cloud):
    id = "aws"
    label = "AWS"
    packages = ("aws",)
    regions = catalog.REGIONS
    region_metro = catalog.REGION_METRO
    line_locations = catalog.LINE_LOCATIONS
    bandwidths = catalog.BANDWIDTHS
    tiers = catalog.TIERS
    reserved_per_subnet = 5  # network, router, DNS, future use, broadcast
    transit_subnets = True
    provider_settings = {"aws:region": "primary_region"}

    def fields(self, where):
        return declaration.FIELDS.get(where, ())

    def check_model(self, model, report):
        declaration.check_model(model, report)

    def check(self, spec, report):
        declaration.check(spec, report)

    account_noun = "AWS account id"
    assumes_roles = True

    def account_problem(self, value):
        return declaration.account_problem(value)

    def subnet_zones(self, spec, layer):
        return [(zone, spec.primary_region) for zone in catalog.ZONES[spec.primary_region][: layer.azs]]

    def vlans_per_line(self, spec):
        return 3  # one transit VIF per layer: vlan, vlan+1, vlan+2 unless `vlans` names others

    def transit_asn(self, spec):
        return declaration.transit_asn(spec)

    def site(self, line):
        return Site(line.location, line.site.metro, None)

    def vpn_tunnels_expected(self, spec):
        return 2 * len(spec.data_center.vpn_peer_addresses)  # per layer: a VPN connection per peer

    def line_ids(self, line):
        return declaration.layer_ids(line)

    def offline_observations(self, spec):
        return declaration.offline_observations(spec)

    def new_stack(self, romaji):
        # each line carries a VLAN per layer (vlan, vlan+1, vlan+2): bases ten apart keep a
        # VLAN id to one layer across both lines, for a data center switch with one VLAN space
        return {"tier": "high", "section": "",
                "lines": [("tokyo-1", "EqTY2", "dedicated", "1Gbps", 101, {}),
                          ("osaka-1", "EqOS1", "dedicated", "1Gbps", 111, {})]}

    def credentials_problem(self):
        import boto3
        from botocore.exceptions import BotoCoreError
        try:
            credentials = boto3.Session().get_credentials()
        except BotoCoreError as exc:  # a profile that is not there, a config file that does not parse
            return (f"the AWS configuration cannot be used: {exc}. Check AWS_PROFILE and the files in ~/.aws "
                    "(aws configure list-profiles lists the profiles there).")
        if credentials is None:
            return ("no AWS credentials: set AWS_PROFILE (e.g. an IAM Identity Center profile for the "
                    "Government Cloud account) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
        return None

    def review_sessions(self, model, inventory):
        """One row per VIF and VPN connection, with what each side advertises, whether the
        session has an MD5 key (never the key), BFD and which path is preferred."""
        from clouds.aws.routing import derive
        from inventory.format import views
        order = {layer: i for i, layer in enumerate(LAYER_IDS)}
        resources = views(inventory)
        keyed = {r.name for r in resources if r.get("bgpAuthKey") is not None}
        rows = [{"kind": s.kind, "line": s.line or "-", "layer": s.layer, "vlan": s.vlan, "cloud_asn": s.cloud_asn,
                 "dc_asn": model.spec.data_center.asn, "cloud_advertises": s.cloud_advertises,
                 "datacenter_advertises": s.datacenter_advertises, "name": s.name,
                 "md5": "md5_set" if s.name in keyed else ("md5_ipsec" if s.kind == "vpn" else "md5_none"),
                 "bfd": "bfd_aws" if s.kind == "dx" else "bfd_none",
                 "preference": "pref_aws_dx" if s.kind == "dx" else "pref_aws_vpn"}
                for s in derive(model, resources).sessions]
        return sorted(rows, key=lambda r: (r["kind"], order.get(r["layer"], 0), r["line"], r["name"]))

    def review_summary(self):
        return "Direct Connect gateway → Transit Gateway"


CLOUD = AwsCloud()
