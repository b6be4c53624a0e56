"""The one reader of inventories: decoding, the resource view, layer attribution, and the
same inventory from a `pulumi stack export`."""
from __future__ import annotations

import json

from inventory import format as fmt
from inventory.decode import provider_inputs, provider_value
from inventory.layers import Layers, named_layer
from inventory.tokens import AWS, GCP
from inventory.view import Resource
from tests.conftest import inventory_of

URN = "urn:pulumi:131032-minato::govcloud-hybrid::{}::{}"


def R(typ, name, props=None, deps=None, parent=None, provider_props=None):
    return Resource(typ, name, URN.format(typ, name), props or {}, parent=parent, dependencies=deps or {},
                    provider_props=provider_props or {})


def test_provider_inputs_are_decoded_once_the_same_way():
    wire = {"region": "ap-northeast-1", "defaultTags": '{"tags": {"Stack": "131032-minato"}}',
            "skipRegionValidation": "false", "allowedAccountIds": '["123456789012"]', "maxRetries": "25"}
    decoded = provider_inputs(wire)
    assert decoded == {"region": "ap-northeast-1", "defaultTags": {"tags": {"Stack": "131032-minato"}},
                       "skipRegionValidation": False, "allowedAccountIds": ["123456789012"], "maxRetries": "25"}
    assert provider_inputs(decoded) == decoded  # decoding twice changes nothing
    assert provider_inputs(decoded) is decoded  # and costs nothing: every view of a resource decodes again
    views = [Resource(AWS.VPC, f"v{i}", f"urn:v{i}", {}, provider_props=decoded) for i in range(2)]
    assert views[0].provider_props is views[1].provider_props is decoded
    assert provider_inputs(dict(decoded)) == decoded and provider_inputs(dict(decoded)) is not decoded
    assert provider_value("{not json") == "{not json"


def test_tags_merge_the_providers_defaults_under_the_resources_own():
    r = R(AWS.SUBNET, "s", {"tags": {"Layer": "lgwan", "Name": "x"}},
          provider_props={"defaultTags": '{"tags": {"MunicipalityCode": "131032", "Layer": "shared"}}'})
    assert r.tags == {"MunicipalityCode": "131032", "Layer": "lgwan", "Name": "x"}
    assert r.tagged_layer == "lgwan"
    g = R(GCP.SUBNETWORK, "s", {"labels": {"layer": "mynumber"}}, provider_props={"defaultLabels": {"stack": "x"}})
    assert g.tags == {"stack": "x", "layer": "mynumber"} and g.tagged_layer == "mynumber"


def test_a_cloud_sql_instance_is_labelled_in_its_settings():
    """pulumi_gcp's DatabaseInstance has no top-level labels: its own are settings.user_labels."""
    sql = "gcp:sql/databaseInstance:DatabaseInstance"
    defaults = {"defaultLabels": {"layer": "shared", "stack": "x"}}
    own = R(sql, "db", {"settings": {"userLabels": {"layer": "mynumber"}}}, provider_props=defaults)
    assert own.tagged_layer == "mynumber" and own.tags == {"layer": "mynumber", "stack": "x"}
    assert R(sql, "db", {"settings": {"tier": "db-f1-micro"}}, provider_props=defaults).tagged_layer == "shared"
    assert R(sql, "db", {"labels": {"layer": "mynumber"}}).tagged_layer is None  # not where its labels are


def test_layer_comes_from_the_tag_then_the_link_then_the_name_then_the_parent():
    vpc = R(AWS.VPC, "131032-minato-seg-mynumber", {"tags": {"Layer": "mynumber"}})
    rogue = R(AWS.INTERNET_GATEWAY, "131032-minato-rogue-lgwan-gw", {}, deps={"vpcId": [vpc.urn]})
    named = R(AWS.ROUTE, "131032-minato-seg-internet-to-x", {})
    component = R("govcloud:aws:TransitHub", "131032-minato-hub-lgwan")
    child = R(AWS.TGW_ROUTE, "131032-minato-hub-route", {}, parent=component.urn)
    tagged_wins = R(AWS.ROUTE_TABLE, "131032-minato-seg-internet-rt", {"tags": {"Layer": "lgwan"}},
                    deps={"vpcId": [vpc.urn]})
    layers = Layers([vpc, rogue, named, component, child, tagged_wins])
    assert layers.of(rogue) == "mynumber"  # the link beats the word in its name
    assert layers.of(named) == "internet"
    assert layers.of(child) == "lgwan"
    assert layers.of(tagged_wins) == "lgwan"
    assert named_layer("131032-minato-seg-lgwan", "131032-minato") == "lgwan"
    assert named_layer("other-stack-internet", "131032-minato") == "internet"


def test_a_node_pool_or_service_is_in_its_cluster_s_layer():
    """A GKE node pool or an ECS service takes no layer label of its own; the cluster it joins
    (through the dependency of `cluster`) has one."""
    gke = R("gcp:container/cluster:Cluster", "131199-itabashi-vendor-gke", {"resourceLabels": {"layer": "lgwan"}})
    pool = R("gcp:container/nodePool:NodePool", "131199-itabashi-vendor-pool", {}, deps={"cluster": [gke.urn]})
    ecs = R("aws:ecs/cluster:Cluster", "131032-minato-vendor-apps", {"tags": {"Layer": "mynumber"}})
    service = R("aws:ecs/service:Service", "131032-minato-vendor-api-internet", {}, deps={"cluster": [ecs.urn]})
    layers = Layers([gke, pool, ecs, service])
    assert layers.of(pool) == "lgwan"
    assert layers.of(service) == "mynumber"  # the link beats the word in its name
    assert layers.linked(service) == ("cluster", ecs, "mynumber")


def test_a_google_cloud_link_written_as_a_name_path_or_url_is_a_link_too():
    """A vendor writes the network as a string (a path, a URL, a bare name): the stack's network
    of that name gives the layer, before the words of the resource's own name."""
    network = R(GCP.NETWORK, "131199-itabashi-seg-mynumber", {"name": "gc131199-mynumber"})
    url = "https://www.googleapis.com/compute/v1/projects/itabashi-gov-network/global/networks/gc131199-mynumber"
    written = [R(GCP.ROUTE, f"131199-itabashi-vendor-lgwan-{i}", {"network": value}) for i, value in enumerate(
        ("projects/itabashi-gov-network/global/networks/gc131199-mynumber", url, "gc131199-mynumber"))]
    elsewhere = R(GCP.ROUTE, "131199-itabashi-vendor-lgwan-x", {"network": "projects/p/global/networks/other"})
    aws_literal = R(AWS.ROUTE, "131032-minato-vendor-lgwan", {"routeTableId": "gc131199-mynumber"})
    layers = Layers([network, *written, elsewhere, aws_literal])
    assert [layers.of(r) for r in written] == ["mynumber"] * 3
    assert layers.of(elsewhere) == "lgwan" and layers.of(aws_literal) == "lgwan"  # no such network: the name's word
    assert layers.named(None) is None and layers.named(["gc131199-mynumber"]) is None


def test_recorded_layers_are_the_attribution():
    inventory = inventory_of("minato")
    recorded = fmt.layers(inventory)
    index = Layers(fmt._views(inventory.resources, custom_only=False))
    assert recorded == {urn: index.of(index.by_urn[urn]) for urn in recorded}
    assert {layer for layer in recorded.values()} >= {"mynumber", "lgwan", "internet", "shared"}


def test_a_state_export_reads_like_the_plan(tmp_path):
    inventory = inventory_of("minato").as_dict()
    deployment = {"deployment": {"resources": [{"urn": "urn:pulumi:131032-minato::govcloud-hybrid::pulumi:pulumi:"
                                                       "Stack::govcloud-hybrid-131032-minato",
                                                "type": "pulumi:pulumi:Stack"}]}}
    for r in inventory["resources"]:
        inputs = r["inputs"]
        if r["type"].startswith("pulumi:providers:"):  # the state keeps provider inputs as strings
            inputs = {k: json.dumps(v) if not isinstance(v, str) else v for k, v in inputs.items()}
        deployment["deployment"]["resources"].append({
            "urn": r["urn"], "type": r["type"], "custom": r["custom"], "id": r["id"], "parent": r["parent"],
            "provider": f"{r['provider']}::04da6b54-80e4-46f7" if r["provider"] else None, "inputs": inputs,
            "protect": r["protect"], "propertyDependencies": r["dependencies"]})
    path = tmp_path / "state.json"
    path.write_text(json.dumps(deployment), encoding="utf-8")
    exported = fmt.from_state_export(path)
    assert exported["stack"] == "131032-minato"
    assert fmt.layers(exported) == fmt.layers(inventory)
    plan = {r.urn: (r.tags, r.props) for r in fmt.views(inventory)}
    assert {r.urn: (r.tags, r.props) for r in fmt.views(exported)} == plan
