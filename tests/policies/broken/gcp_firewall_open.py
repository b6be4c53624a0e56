"""A firewall rule that admits 0.0.0.0/0 into the mynumber network."""
import pulumi
import pulumi_gcp as gcp

STACK = "itabashi"
FAMILY = "isolation"
EXPECTED = {"GOV-ISO-003"}


def extra(model, component):
    network = component.parts["networks"].networks["mynumber"]
    gcp.compute.Firewall("131199-itabashi-mynumber-debug-ssh", name="gc131199-mynumber-debug-ssh",
                         network=network.id, direction="INGRESS", priority=900, source_ranges=["0.0.0.0/0"],
                         allows=[{"protocol": "tcp", "ports": ["22"]}], log_config={"metadata": "INCLUDE_ALL_METADATA"},
                         opts=pulumi.ResourceOptions(provider=component.parts["provider"]))
