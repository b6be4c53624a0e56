"""Google Cloud (ガバメントクラウド on Google Cloud): one VPC network per layer, Cloud Routers
and VLAN attachments per layer on Cloud Interconnect to the municipal data center, HA VPN
as the backup path, CMEK keys and the location policy."""
from __future__ import annotations

from clouds.base import Cloud
from clouds.gcp import catalog, declaration
from network.redundancy import Site


class GcpCloud(Cloud):
    id = "gcp"
    label = "Google Cloud"
    packages = ("gcp",)
    regions = catalog.REGIONS
    region_metro = catalog.REGION_METRO
    line_locations = catalog.LINE_LOCATIONS
    bandwidths = catalog.BANDWIDTHS
    tiers = catalog.TIERS
    reserved_per_subnet = 4  # network, gateway, second-to-last, broadcast
    vlan_range = catalog.VLAN_RANGE
    section = "gcp"
    provider_settings = {"gcp:region": "primary_region", "gcp:project": "gcp_project"}

    def fields(self, where):
        return declaration.FIELDS.get(where, ())

    def check(self, spec, report):
        declaration.check(spec, report)

    account_noun = "project id"

    def account_problem(self, value):
        return declaration.project_problem(value)

    def is_domestic(self, location) -> bool:
        return catalog.is_domestic(location)

    def subnet_zones(self, spec, layer):
        return [(region, region) for region in spec.regions]  # subnets are regional

    def location_names(self):
        return frozenset(catalog.location_name(code, domain) for code in catalog.FACILITIES for domain in (1, 2))

    def vlans_per_line(self, spec):
        return 3  # one VLAN attachment per layer: vlan, vlan+1, vlan+2

    def site(self, line):
        return Site(line.location, line.site.metro, line.edge_domain)

    def offline_observations(self, spec):
        return declaration.offline_observations(spec)

    def vpn_tunnels_expected(self, spec):
        return 2  # an HA VPN gateway per layer, one tunnel per interface

    def new_stack(self, romaji):
        return {"tier": "99.9",
                "section": f"gcp:\n  projectId: {romaji}-govcloud  # 確認: the project id the Digital Agency handed over\n  ownsProject: false",
                "lines": [("tokyo-a", "tokyo", "partner", "1Gbps", 101, {"edgeAvailabilityDomain": 1}),
                          ("tokyo-b", "tokyo", "partner", "1Gbps", 111, {"edgeAvailabilityDomain": 2})]}

    def credentials_problem(self):
        import google.auth
        from google.auth.exceptions import DefaultCredentialsError
        try:
            google.auth.default()
        except DefaultCredentialsError:
            return ("no Google Cloud credentials: run `gcloud auth application-default login` or set "
                    "GOOGLE_APPLICATION_CREDENTIALS to a service account key file.")
        return None

    def drift_credentials_problem(self, options):
        endpoint = options.get("endpoint") or ""
        return None if endpoint.startswith("http://") else self.credentials_problem()  # an emulator: anonymous

    def review_summary(self):
        return "Cloud Router (per layer)"

    def review_built(self, inventory):
        return self.part("review").built(inventory)

    def review_sessions(self, model, inventory):
        return self.part("review").sessions(model)


CLOUD = GcpCloud()
