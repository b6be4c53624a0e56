"""How severe a way in from the internet is that a service opens inside a layer (drift/severity.py
asks here first): a database, load balancer, Kubernetes API, API Gateway VPC link, function URL,
ECS task, notebook, file transfer server or Cloud Run service answering from (or reaching) the
internet where the layer's workloads run, a function there that others may invoke, or a bucket or
key of the tenancy's anyone may use. None of them is
declared, so each is found as unmanaged; critical in a closed layer (mynumber, lgwan), and where
its own allow-list is open to every address."""
from __future__ import annotations

from drift.items import Item
from network.openness import is_open

CLOSED = ("mynumber", "lgwan")
#: critical in a closed layer, high in internet, whatever else they say
BY_LAYER = ("public_db", "public_lb", "vpc_link", "g_run_on_layer", "public_task", "notebook_internet",
            "public_transfer", "g_external_backend", "public_desktop", "fronted_target")

#: services that invoke a function for callers on the internet: an API (REST, HTTP or
#: WebSocket) or an Application Load Balancer with the function as its target
FRONT_SERVICES = ("Service:apigateway.amazonaws.com", "Service:elasticloadbalancing.amazonaws.com")


def public_severity(item: Item) -> str | None:
    """The severity of an unmanaged way in from the internet; None for any other kind."""
    kind, layer, p = item.kind, item.layer, item.props
    if kind in BY_LAYER:
        return "critical" if layer in CLOSED else "high"
    if kind == "g_gke_public":
        # a cluster of the layer's network managed (or its nodes reached) from the internet
        return "critical" if layer in CLOSED or p.get("public_nodes") or is_open(p.get("authorized") or []) \
            else "high"
    if kind == "function_url":
        # code inside the layer called from the internet: by anyone (NONE), or by any IAM
        # principal the function's policy admits (AWS_IAM)
        if p.get("auth") == "NONE":
            return "critical" if layer in CLOSED else "high"
        return "high" if layer in CLOSED else "medium"
    if kind == "bucket" and bucket_public(p):
        return "critical"  # a bucket of the tenancy's nobody declared that anyone may read: its data published
    if kind == "kms_key" and "*" in (p.get("principals") or []):
        return "high"  # a key of the tenancy's nobody declared whose policy lets anyone use it
    if kind == "function_invokers":
        # code inside the layer that anyone, another account, or a front on the internet (API
        # Gateway, a load balancer) may invoke; another service (events, a bucket) is less
        fronts = any(i == "*" or i.startswith("AWS:") or i in FRONT_SERVICES for i in p.get("invokers") or [])
        if layer in CLOSED:
            return "critical" if fronts else "high"
        return "high" if fronts else "medium"
    if kind == "eks_public":
        # the Kubernetes API of a cluster whose pods run in the layer, answering on the internet
        return "critical" if layer in CLOSED or is_open(p.get("public_cidrs") or []) else "high"
    if kind in ("g_public_sql", "g_public_alloydb"):
        # a database answering on the internet: critical on a closed layer's network or open to
        # every address, high otherwise (its authorized networks narrow who may try)
        return "critical" if layer in CLOSED or is_open(p.get("authorized") or []) \
            else "high"
    return None


def bucket_public(p: dict) -> bool:
    """A bucket anyone may read: its policy lets in `*` and its own block does not restrict
    public policies (RestrictPublicBuckets), or its ACL grants everyone or every AWS user and
    its block does not ignore public ACLs (IgnorePublicAcls). The account's block is an item of
    its own (s3_account_block)."""
    block = set(p.get("public_access_block") or [])
    by_policy = "*" in (p.get("policy_principals") or []) and "RestrictPublicBuckets" not in block
    by_acl = any(str(g).split(" ")[0] in ("AllUsers", "AuthenticatedUsers") for g in p.get("acl_grants") or []) \
        and "IgnorePublicAcls" not in block
    return by_policy or by_acl
