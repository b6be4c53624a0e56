"""Fronts on the internet that reach into a closed layer (インターネット側の入口から閉域層へ届く経路).

GOV-ISO-001 refuses what answers from the internet when it is itself in mynumber or lgwan. A
vendor can also leave the front outside the layer (tagged internet, or global) and point it at
something inside: a CloudFront VPC origin or a Global Accelerator endpoint group at the layer's
internal load balancer or instance, an API Gateway VPC link into its subnets or to its load
balancer, a function URL of a function attached to its subnets, an API's Lambda proxy
integration (REST, not private, or HTTP) or an internet-facing load balancer's target group
running such a function, a function permission letting API Gateway or a load balancer invoke
it, an App Runner VPC connector sending services that answer the internet into its subnets,
or, on Google Cloud, an external
load balancer's backend service whose backends are the layer's instance groups. None of them
needs a route or a public address in the layer: each is judged here by what it points at.

What it points at is followed through the dependency of the input that names it (as every
stack rule does, so it holds in a first preview with unknown ids), and through what that is
placed in; a load balancer's ARN or an instance group's URL written out as text is judged by
the layer its name carries, an IP address a load balancer's target group forwards to by the
closed layer whose block or data-center prefix holds it (with the declaration), and the front's
own layer counts too. Any other id written out is not followed here; drift finds the same ways in once they exist (docs/drift.md: public_lb,
vpc_link, function_url, g_external_backend).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from inventory.layers import named_layer
from inventory.view import of_types as of
from network.catalog import CLOSED_LAYERS as CLOSED
from network.model import layer_blocks, layers_reached
from policies.props import values
from policies.registry import Finding, stack_rule

#: the inputs through which a resource a front names sits in a layer's network: a load
#: balancer's subnets, an instance's subnet, a function's vpc_config, a connector's subnets and
#: security groups; on Google Cloud an instance group's network, a managed group's template
#: (versions) and the template's interfaces
PLACING = ("subnets", "subnetIds", "subnetMappings", "subnetId", "vpcConfig", "securityGroups", "network",
           "versions", "networkInterfaces")

#: type -> (the inputs naming what it reaches, what it is). pulumi_aws: cloudfront.VpcOrigin
#: vpc_origin_endpoint_config.arn, the ALB, NLB or EC2 instance (CloudFront API, "Restrict access
#: with VPC origins"); globalaccelerator.EndpointGroup endpoint_configurations.endpoint_id, "If the
#: endpoint is a Network Load Balancer or Application Load Balancer, this is the Amazon Resource
#: Name (ARN) of the resource ... For Amazon EC2 instances, this is the EC2 instance ID", and "An
#: Application Load Balancer can be either internal or internet-facing" (Global Accelerator API,
#: EndpointConfiguration); a custom routing group's endpoints are subnets; apprunner.VpcConnector
#: subnets; lambda_.FunctionUrl function_name
REACHING = {
    "aws:cloudfront/vpcOrigin:VpcOrigin": (("vpcOriginEndpointConfig",),
                                           "a CloudFront VPC origin: CloudFront's edge, on the internet, reaches"),
    "aws:globalaccelerator/endpointGroup:EndpointGroup": (
        ("endpointConfigurations",), "a Global Accelerator endpoint group: the accelerator's anycast addresses, on "
                                     "the internet, reach"),
    "aws:globalaccelerator/customRoutingEndpointGroup:CustomRoutingEndpointGroup": (
        ("endpointConfigurations",), "a custom routing accelerator's endpoint group: the accelerator's addresses, on "
                                     "the internet, reach"),
    "aws:apprunner/vpcConnector:VpcConnector": (
        ("subnets", "securityGroups"), "an App Runner VPC connector: services that answer the internet send their "
                                       "traffic into"),
    "aws:lambda/functionUrl:FunctionUrl": (("functionName",), "a function URL: an HTTPS endpoint on the internet runs "
                                                              "code attached to"),
}
#: API Gateway: a VPC link of a REST API ("target_arn: ... network load balancer arns in the VPC
#: targeted by the VPC link") and of an HTTP API (subnet_ids, security_group_ids); an HTTP API
#: has no private endpoint type, a REST API is private when its endpoint_configuration.types is
#: PRIVATE ("If unspecified, defaults to `EDGE`")
LINKS = {"aws:apigateway/vpcLink:VpcLink": ("targetArn",),
         "aws:apigatewayv2/vpcLink:VpcLink": ("subnetIds", "securityGroupIds")}
REST_INTEGRATION = "aws:apigateway/integration:Integration"
HTTP_INTEGRATION = "aws:apigatewayv2/integration:Integration"
#: a function's resource-based permission for a front: API Gateway's APIs and Application Load
#: Balancers invoke a function for callers on the internet (Lambda Developer Guide, "Using AWS
#: Lambda with Amazon API Gateway", "Using Lambda with an Application Load Balancer")
PERMISSION = "aws:lambda/permission:Permission"
FRONT_SERVICES = ("apigateway.amazonaws.com", "elasticloadbalancing.amazonaws.com")
#: an Application Load Balancer's targets: lb.TargetGroupAttachment target_id, "the ID of the
#: target. This is the Instance ID for an instance, or the container ID for an ECS container. If
#: the target type is ip, specify an IP address. If the target type is lambda, specify the Lambda
#: function ARN"; lb.LoadBalancer internal "If true, the LB will be internal. Defaults to false"
ATTACHMENT = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
LISTENERS = ("aws:lb/listener:Listener", "aws:alb/listener:Listener")
RULES = ("aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule")
#: Google Cloud backend services and their scheme when left out: compute.BackendService "Default
#: value is `EXTERNAL_MANAGED`", compute.RegionBackendService "Default value is `INTERNAL`"
BACKEND_SERVICES = {"gcp:compute/backendService:BackendService": "EXTERNAL_MANAGED",
                    "gcp:compute/regionBackendService:RegionBackendService": "INTERNAL"}


def closed_layers_reached(ctx, r, props, own: bool = True) -> list[str]:
    """The closed layers of what `props` of `r` name: each named resource's own layer and the
    layers of what it is placed in (two steps: a managed instance group, its template, the
    template's network); and, when `own`, the front's own layer (a link or connector tagged
    lgwan has its interfaces there, whatever ids it names as text)."""
    by_urn = ctx.by_urn()

    def placed(target, depth: int) -> set:
        found = {ctx.layer(target)}
        for prop in PLACING if depth < 3 else ():
            found.update(*(placed(by_urn[u], depth + 1) for u in target.ref(prop) if u in by_urn))
        return found

    found: set = {ctx.layer(r)} if own else set()
    for prop in props:
        found.update(*(placed(by_urn[u], 1) for u in r.ref(prop) if u in by_urn and u != r.urn))
        found.update(named_in_text(text, r.stack) for text in _strings(r.get(prop)))
    return sorted(found & set(CLOSED))


def named_in_text(text: str, stack: str) -> str | None:
    """The layer a load balancer's ARN or an instance group's URL names, written out as text, by
    the name in it (`...:loadbalancer/net/minato-mynumber-nlb/50dc...`, `.../instanceGroups/
    gc131199-mynumber-app`), as the components name every resource after its layer."""
    if ":loadbalancer/" in text:
        parts = text.split(":loadbalancer/", 1)[1].split("/")
        return named_layer(parts[1], stack) if len(parts) > 1 else None
    if "/instanceGroups/" in text or "/networkEndpointGroups/" in text:
        return named_layer(text.rstrip("/").rsplit("/", 1)[-1], stack)
    return None


def _strings(value) -> list[str]:
    """Every string in an input, at any depth (plain values, or the Analyzer's proxies of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, Sequence):
        return [s for v in value for s in _strings(v)]
    return []


def _private_rest(ctx, integration) -> bool:
    api = ctx.target(integration, "restApi") if integration.type == REST_INTEGRATION else None
    types = [str(t).upper() for t in values(api.props, "endpointConfiguration.types")] if api is not None else []
    return bool(types) and all(t == "PRIVATE" for t in types)


def _link_finding(ctx, link, layers, resources) -> str | None:
    """Why an API Gateway VPC link into a closed layer is a way in: unless every integration of
    the stack that uses it is a private REST API's (and one does)."""
    using = [i for i in of(resources, REST_INTEGRATION, HTTP_INTEGRATION) if link.urn in i.ref("connectionId")]
    public = [i.name for i in using if not _private_rest(ctx, i)]
    if using and not public:
        return None
    why = (f"used by {', '.join(public)} of an API that is not private" if public else
           "used by no private REST API of this stack (an HTTP API, which cannot be private, or any API of the "
           "account may use it)")
    return f"an API Gateway VPC link into {'/'.join(layers)}, {why}: requests from the internet reach the layer"


def _integration_findings(ctx, resources):
    """An API's integration that runs what is in a closed layer: a REST API's (not private)
    `uri`, such as a Lambda proxy's function invoke ARN or an AWS service integration's
    resource, and an HTTP API's `integration_uri` (an HTTP API cannot be private)."""
    for r in of(resources, REST_INTEGRATION):
        if _private_rest(ctx, r):
            continue
        # VPC link V2 from a REST API: "ALB or NLB ARN to send the request to"; uri: the function or resource
        for prop, what in (("integrationTarget", "sends requests to a load balancer in"),
                           ("uri", "runs what is in")):
            layers = closed_layers_reached(ctx, r, (prop,), own=False)
            if layers:
                yield Finding(f"{r.name}: a REST API that is not private {what} {'/'.join(layers)} ({prop})",
                              r.urn, ("layers", layers[0]))
                break
    for r in of(resources, HTTP_INTEGRATION):
        layers = closed_layers_reached(ctx, r, ("integrationUri",), own=False)
        if layers:
            yield Finding(f"{r.name}: an HTTP API (which cannot be private) runs what is in {'/'.join(layers)} "
                          "(integration_uri)", r.urn, ("layers", layers[0]))


def _invoked_from_fronts(ctx, resources):
    """A closed layer's function that API Gateway or a load balancer may invoke (its permission),
    and a closed layer's target (function, instance) of a target group an internet-facing load
    balancer forwards to."""
    for r in of(resources, PERMISSION):
        layers = closed_layers_reached(ctx, r, ("function",), own=False)
        if layers and str(r.get("principal") or "") in FRONT_SERVICES:
            yield Finding(f"{r.name}: lets {r.get('principal')} invoke a function in {'/'.join(layers)}: an API or "
                          "load balancer on the internet runs code in the layer", r.urn, ("layers", layers[0]))
    for r in of(resources, ATTACHMENT):
        layers = sorted(set(closed_layers_reached(ctx, r, ("targetId",), own=False)) |
                        set(_closed_layers_of_address(ctx, r.get("targetId"))))
        facing = _facing_balancers(ctx, resources, r.ref("targetGroupArn")) if layers else []
        if facing:
            yield Finding(f"{r.name}: a target in {'/'.join(layers)} behind {', '.join(facing)}, a load balancer "
                          "facing the internet", r.urn, ("layers", layers[0]))


def _facing_balancers(ctx, resources, groups) -> list[str]:
    """The internet-facing load balancers (`internal` not true) that forward to any of `groups`
    (target group URNs): through a listener's default actions, or a listener rule's actions
    (lb.ListenerRule listener_arn)."""
    by_urn, listeners = ctx.by_urn(), {listener.urn: listener for listener in of(resources, *LISTENERS)}
    forwarding = {u for u, listener in listeners.items() if set(listener.ref("defaultActions")) & set(groups)}
    forwarding |= {u for rule in of(resources, *RULES) if set(rule.ref("actions")) & set(groups)
                   for u in rule.ref("listenerArn") if u in listeners}
    return sorted({by_urn[u].name for listener in forwarding for u in listeners[listener].ref("loadBalancerArn")
                   if u in by_urn and not by_urn[u].get("internal")})


def _closed_layers_of_address(ctx, text) -> list[str]:
    """The closed layers whose block, or prefixes in the data center, hold an IP address written
    out (an `ip` target: "If the target type is ip, specify an IP address"); none without the
    declaration, or for what is no address."""
    if ctx.model is None or not isinstance(text, str):
        return []
    return [layer for layer in layers_reached(text, layer_blocks(ctx.model.routing)) if layer in CLOSED]


def _external(r) -> bool:
    scheme = str(r.get("loadBalancingScheme") or BACKEND_SERVICES[r.type])
    return scheme.startswith("EXTERNAL")


@stack_rule(id="GOV-ISO-008", severity="critical", family="isolation", needs_declaration=False,
            title_en="No front on the internet reaches into mynumber or lgwan (CDN and accelerator origins, API "
                     "links, function URLs, external backends)",
            title_ja="インターネット側の入口（CDN・アクセラレータのオリジン、APIのVPCリンク、関数URL、外部ロードバランサの"
                     "バックエンド）からマイナンバー利用事務系・LGWAN接続系へ届かせない",
            rationale="A front that stands outside the closed layer, on the internet, and names something inside "
                      "it (a CloudFront VPC origin or Global Accelerator endpoint at the layer's internal load "
                      "balancer or instance, an API Gateway VPC link to its load balancer or subnets, a function URL "
                      "of a function in its subnets, an API's Lambda proxy integration or an internet-facing load "
                      "balancer's target that runs such a function, a function permission for API Gateway or a load "
                      "balancer, an App Runner VPC connector, an external Google Cloud load "
                      "balancer whose backends are the layer's instance groups) carries requests from the internet "
                      "into the layer with no route, gateway or public address there for GOV-ISO-001 or -002 to see.",
            remediation="Remove the front, or point it at the internet layer; the closed layers are reached only "
                        "from the data center over the declared line and from other layers through declared flows. "
                        "An API Gateway VPC link into a closed layer is accepted only when the stack's integrations "
                        "that use it are all private REST APIs'.")
def no_internet_front(resources, ctx):
    for r in of(resources, *REACHING):
        props, what = REACHING[r.type]
        layers = closed_layers_reached(ctx, r, props)
        if layers:
            yield Finding(f"{r.name}: {what} {'/'.join(layers)}", r.urn, ("layers", layers[0]))
    for r in of(resources, *LINKS):
        layers = closed_layers_reached(ctx, r, LINKS[r.type])
        why = _link_finding(ctx, r, layers, resources) if layers else None
        if why:
            yield Finding(f"{r.name}: {why}", r.urn, ("layers", layers[0]))
    yield from _integration_findings(ctx, resources)
    yield from _invoked_from_fronts(ctx, resources)
    for r in of(resources, *BACKEND_SERVICES):
        layers = closed_layers_reached(ctx, r, ("backends",)) if _external(r) else []
        if layers:
            yield Finding(f"{r.name}: an external load balancer's backend service "
                          f"({r.get('loadBalancingScheme') or BACKEND_SERVICES[r.type] + ', the default'}) whose "
                          f"backends are in {'/'.join(layers)}: the internet reaches the layer's instances",
                          r.urn, ("layers", layers[0]))
