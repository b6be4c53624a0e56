"""What every cloud supplies. One subclass per cloud, in clouds/<id>/__init__.py, registered
in clouds/__init__.py; docs/architecture.md walks through adding one.

The class body holds the catalog (regions, line locations, bandwidths, tiers) as plain
data and the declaration checks as pure functions, so loading it costs nothing. The heavy
parts sit beside it in the cloud's package, found by module name when first needed, so
validating or listing stacks never loads Pulumi, boto3 or google-cloud:

    clouds/<id>/components/tenancy.py   build(parent, name, model) -> outputs
    clouds/<id>/mocks.py                resource(typ, name, inputs, key, region, project), call(token, args, region, project)
    clouds/<id>/drift.py                scan(tenancy, options) -> (items, calls)
    clouds/<id>/declared.py             name(resource), items(declared, resource)
    clouds/<id>/review.py               routing(model), edge(content, lang), mermaid(content, lang)

A cloud that lacks one overrides the method instead (docs/architecture.md).
"""
from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Callable

from inventory.tokens import package
from network.catalog import LineLocation, Tier
from network.redundancy import Site

if TYPE_CHECKING:  # pragma: no cover - types only
    from network.fields import Field
    from network.model import NetworkModel
    from network.spec import LayerSpec, Line, TenancySpec

Report = Callable[..., None]  # report(path, message, fix, code)


class EnvironmentProblem(Exception):
    """The cloud cannot be reached, or refuses: a message with the fix (exit 3)."""


class Cloud(ABC):
    #: registry id, the value of `cloud:` in a declaration
    id: str = ""
    #: how people name it
    label: str = ""
    #: Pulumi packages whose resources belong to this cloud (`aws` for aws:ec2/vpc:Vpc)
    packages: tuple[str, ...] = ()
    #: domestic regions: id -> "東京 Tokyo"
    regions: dict[str, str] = {}
    #: region -> metro (tokyo | osaka)
    region_metro: dict[str, str] = {}
    #: line locations in Japan, by code
    line_locations: dict[str, LineLocation] = {}
    #: line type -> bandwidths offered, in Mbps
    bandwidths: dict[str, tuple[int, ...]] = {}
    #: redundancy tiers, by id, lowest first
    tiers: dict[str, Tier] = {}
    #: addresses the cloud keeps in every subnet
    reserved_per_subnet: int = 0
    #: whether each zone also gets a /28 transit-attachment subnet (the last subnet-sized block)
    transit_subnets: bool = False
    #: key of the cloud's own section of the declaration (`gcp:`), if it has one
    section: str | None = None
    #: stack-config keys of the cloud's Pulumi provider that must agree with the declaration:
    #: config key -> TenancySpec attribute
    provider_settings: dict[str, str] = {}
    #: the VLAN ids the cloud accepts on a line (802.1Q: 1–4094 unless the cloud says otherwise)
    vlan_range: tuple[int, int] = (1, 4094)

    def is_domestic(self, location) -> bool:
        """Whether a region (or a location inside one) is in Japan: a declared-region id by
        default; a cloud whose locations nest (zones, case-free names) says more."""
        return location in self.regions

    @property
    def line_types(self) -> tuple[str, ...]:
        return tuple(self.bandwidths)

    def owns(self, token: str) -> bool:
        """Whether a resource type belongs to this cloud."""
        return package(token) in self.packages

    # --- declaration -----------------------------------------------------------------

    def fields(self, where: str) -> tuple["Field", ...]:
        """Schema fields the cloud adds to a shared mapping: where is 'tenancy' (its own
        section), 'connectivity' or 'line'."""
        return ()

    def check(self, spec: "TenancySpec", report: Report) -> None:
        """The cloud's own declaration checks."""

    def check_model(self, model: "NetworkModel", report: Report) -> None:
        """The cloud's checks of what the declaration resolves to (routes, ACL entries),
        once the address plan holds: provider limits that depend on the flows."""

    #: what the cloud calls the place a business system runs (`account` in the declaration)
    account_noun: str = "account"
    #: whether the network stack assumes a role in each system account (and needs its external id)
    assumes_roles: bool = False

    def account_problem(self, value: str) -> str | None:
        """Why `value` cannot be an account (project) id on this cloud, or None."""
        return None

    @abstractmethod
    def subnet_zones(self, spec: "TenancySpec", layer: "LayerSpec") -> list[tuple[str, str]]:
        """(zone, region) of workload subnet i, in allocation order."""

    def location_names(self) -> frozenset[str]:
        """The names the cloud's own API gives the line locations (a Direct Connect location
        code; a Google location such as nrt-zone1-452)."""
        return frozenset(self.line_locations)

    def vlans_per_line(self, spec: "TenancySpec") -> int:
        """How many consecutive VLANs one line uses, from its `vlan`."""
        return 1

    def site(self, line: "Line") -> Site:
        """Where a declared line lands, for the redundancy tier."""
        return Site(line.location, line.site.metro if line.site else "", None)

    def transit_asn(self, spec: "TenancySpec") -> int | None:
        """The ASN of the cloud's transit hub, where it has one."""
        return None

    def line_ids(self, line: "Line") -> dict[str, str]:
        """layer -> the id of what the line has for that layer alone (a hosted connection
        on AWS), where a line declares one per layer."""
        return {}

    def offline_observations(self, spec: "TenancySpec") -> dict:
        """What an offline plan assumes of resources only the account can describe (a
        partner's hosted connection): the mock runtime answers reads of them from this."""
        return {}

    def vpn_tunnels_expected(self, spec: "TenancySpec") -> int:
        """How many VPN tunnels each enabled layer reaches the data center by, when the VPN
        backup is declared."""
        return 0

    @abstractmethod
    def new_stack(self, romaji: str) -> dict[str, Any]:
        """What `govcloud init` writes: {'tier', 'section' (YAML text of the cloud's own
        section, or ''), 'lines': [(name, location, type, bandwidth, vlan, options)]}."""

    # --- the heavy parts, found by module name in the cloud's package ------------------

    def part(self, module: str):
        """clouds/<id>/<module>.py, imported on first use."""
        return importlib.import_module(f"clouds.{self.id}.{module}")

    def build(self, parent, name: str, model: "NetworkModel") -> dict:
        """Create the cloud's resources under `parent` (under the engine or the mock
        runtime); return the stack outputs."""
        return self.part("components.tenancy").build(parent, name, model)

    def mock_resource(self, typ: str, name: str, inputs: dict, key: str, region: str,
                      project: str) -> tuple[str, dict]:
        """(id, state) the mock runtime answers for one of the cloud's resources."""
        return self.part("mocks").resource(typ, name, inputs, key, region, project)

    def mock_call(self, token: str, args: dict, region: str, project: str) -> dict | None:
        """The mock answer to one of the cloud's invokes, or None if it has none."""
        return self.part("mocks").call(token, args, region, project)

    @abstractmethod
    def credentials_problem(self) -> str | None:
        """What is missing to reach the cloud, as a sentence with the fix; None if nothing."""

    def drift_credentials_problem(self, options: dict) -> str | None:
        """What keeps drift from reading this cloud with these options (checked before any
        planning); None when it can."""
        return self.credentials_problem()

    def detect_drift(self, tenancy, options: dict) -> tuple[list, int]:
        """(live items, API calls made) for the stack, read-only. Raises EnvironmentProblem
        when the cloud cannot be reached or refuses the reads."""
        return self.part("drift").scan(tenancy, options)

    def display_name(self, resource) -> str:
        """How the cloud names a declared resource (a Name tag, a name input)."""
        return self.part("declared").name(resource)

    def declared_items(self, declared, resource) -> list:
        """The drift Items one declared resource stands for (drift/desired.py asks)."""
        return list(self.part("declared").items(declared, resource))

    def review_sessions(self, model: "NetworkModel", inventory: dict) -> list[dict]:
        """The BGP sessions the data center configures, one row each ({kind, line, layer,
        vlan, cloud_asn, dc_asn, cloud_advertises, datacenter_advertises}); empty where the
        cloud does not derive them yet."""
        return []

    def review_routing(self, model: "NetworkModel") -> dict:
        """Per enabled layer, the routes as this cloud holds them: {"vpc": rows, "transit":
        rows (empty where the cloud has no transit hub), "advertised", "accepted",
        "path": how one layer reaches another}. A row is {prefix, via, why, arg}; via and
        why are keys of review/i18n.py."""
        return self.part("review").routing(model)

    def review_built(self, inventory: dict | None) -> dict:
        """Facts of the planned inventory the review draws as built (e.g. where the routers
        are), so nothing is drawn that the program does not create."""
        return {}

    def review_encryption(self, model: "NetworkModel", inventory: dict | None) -> dict:
        """{keys, account_defaults, lines, vpn} as planned: rotation, deletion window and
        users per key; MACsec/IPsec per line; the VPN's IKE/IPsec parameters."""
        return self.part("review").encryption(model, inventory)

    def review_edge(self, content: dict, lang: str) -> list[tuple[str, list[str]]]:
        """The boxes between the lines and the layers in the diagram: (title, rows)."""
        return self.part("review").edge(content, lang)

    def review_mermaid(self, content: dict, lang: str) -> tuple[list[str], str, str]:
        """(Mermaid lines for the cloud edge, the node the lines reach, the node the layers
        hang off)."""
        return self.part("review").mermaid(content, lang)

    def review_summary(self) -> str:
        """One phrase for the topology line of the review."""
        return ""

    def __repr__(self) -> str:
        return f"<cloud {self.id}>"
