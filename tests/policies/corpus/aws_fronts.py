"""Fronts a vendor leaves outside a closed layer, on the internet, that point inside it
(GOV-ISO-008): a CloudFront VPC origin or Global Accelerator endpoint group at the layer's
internal load balancer, API Gateway VPC links, a function URL of a function in the layer's
subnets, an App Runner VPC connector, an API's Lambda proxy integration, a load balancer's
function target, a function's permission for API Gateway; and the same fronts pointed at the
internet layer, or used only by a private REST API or an internal load balancer, which pass. Every front is tagged internet: its own layer is
not what it reaches. Built with the real SDK classes, naming the stack's own subnets."""
import pulumi_aws as aws

from tests.policies.corpus import ACCOUNT, ROLE, SUBNETS

NLB = f"arn:aws:elasticloadbalancing:ap-northeast-1:{ACCOUNT}:loadbalancer/net/{{name}}/50dc6c495c0c9188"
LISTENER = f"arn:aws:globalaccelerator::{ACCOUNT}:accelerator/1234abcd-abcd-1234-abcd-1234abcdefgh/listener/0123vxyz"


def fronts(segments, key, opts, tags):
    """(name, the rules it must break, a function that builds it); `segments`: layer -> Segment."""
    subnet = {layer: segments[layer].workload_subnets[0] for layer in ("mynumber", "internet")}

    def outside(n):
        return {**tags(n), "Layer": "internet"}

    def balancer(n, layer):
        # internal, in the layer's own subnets: compliant by itself (GOV-ISO-001 asks no more)
        return aws.lb.LoadBalancer(n, internal=True, load_balancer_type="network", subnets=[subnet[layer].id],
                                   tags={**tags(n), "Layer": layer}, opts=opts)

    def origin(n, layer):
        return aws.cloudfront.VpcOrigin(n, tags=outside(n), opts=opts, vpc_origin_endpoint_config={
            "name": n[-64:], "arn": balancer(f"{n}-nlb", layer).arn, "http_port": 80, "https_port": 443,
            "origin_protocol_policy": "https-only", "origin_ssl_protocols": {"items": ["TLSv1.2"], "quantity": 1}})

    def connector(n, layer):
        return aws.apprunner.VpcConnector(n, vpc_connector_name=n[-40:], subnets=[subnet[layer].id],
                                          security_groups=["sg-0123456789abcdef0"], tags=outside(n), opts=opts)

    def function_url(n, layer):
        function = aws.lambda_.Function(f"{n}-fn", role=ROLE, runtime="python3.12", handler="app.handler",
                                        s3_bucket="minato-artifacts", s3_key="app.zip", opts=opts,
                                        tags={**tags(f"{n}-fn"), "Layer": layer}, vpc_config={
                                            "subnet_ids": [subnet[layer].id],
                                            "security_group_ids": ["sg-0123456789abcdef0"]})
        return aws.lambda_.FunctionUrl(n, function_name=function.name, authorization_type="AWS_IAM", opts=opts)

    def rest_link(n, endpoint_type):
        """A REST API's VPC link to mynumber's load balancer, used by one integration of an API of
        `endpoint_type`."""
        link = aws.apigateway.VpcLink(n, name=n, target_arn=balancer(f"{n}-nlb", "mynumber").arn, tags=outside(n),
                                      opts=opts)
        api = aws.apigateway.RestApi(f"{n}-api", endpoint_configuration={"types": endpoint_type},
                                     tags=outside(f"{n}-api"), opts=opts)
        aws.apigateway.Integration(f"{n}-integration", rest_api=api.id, resource_id=api.root_resource_id,
                                   http_method="GET", type="HTTP_PROXY", integration_http_method="GET",
                                   uri="https://juki.minato.internal/", connection_type="VPC_LINK",
                                   connection_id=link.id, opts=opts)
        return link

    def layer_function(n, layer):
        return aws.lambda_.Function(n, role=ROLE, runtime="python3.12", handler="app.handler",
                                    s3_bucket="minato-artifacts", s3_key="app.zip", opts=opts,
                                    tags={**tags(n), "Layer": layer}, vpc_config={
                                        "subnet_ids": [subnet[layer].id], "security_group_ids": ["sg-0123456789abcdef0"]})

    def rest_proxy(n, layer, endpoint_type="REGIONAL"):
        """A REST API's Lambda proxy integration: its uri, the function's invoke ARN."""
        api = aws.apigateway.RestApi(f"{n}-api", endpoint_configuration={"types": endpoint_type},
                                     tags=outside(f"{n}-api"), opts=opts)
        return aws.apigateway.Integration(n, rest_api=api.id, resource_id=api.root_resource_id, http_method="GET",
                                          type="AWS_PROXY", integration_http_method="POST",
                                          uri=layer_function(f"{n}-fn", layer).invoke_arn, opts=opts)

    def http_proxy(n, layer):
        api = aws.apigatewayv2.Api(f"{n}-api", protocol_type="HTTP", tags=outside(f"{n}-api"), opts=opts)
        return aws.apigatewayv2.Integration(n, api_id=api.id, integration_type="AWS_PROXY",
                                            integration_uri=layer_function(f"{n}-fn", layer).arn,
                                            payload_format_version="2.0", opts=opts)

    def balanced_function(n, layer, internal):
        """A function as the target of an Application Load Balancer in the internet layer."""
        lb = aws.lb.LoadBalancer(f"{n}-alb", internal=internal, load_balancer_type="application",
                                 subnets=[s.id for s in segments["internet"].workload_subnets],
                                 drop_invalid_header_fields=True, tags=outside(f"{n}-alb"), opts=opts)
        group = aws.lb.TargetGroup(f"{n}-tg", target_type="lambda", tags=outside(f"{n}-tg"), opts=opts)
        aws.lb.Listener(f"{n}-listener", load_balancer_arn=lb.arn, port=443, protocol="HTTPS",
                        certificate_arn=f"arn:aws:acm:ap-northeast-1:{ACCOUNT}:certificate/0123abcd",
                        ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", tags=outside(f"{n}-listener"),
                        default_actions=[{"type": "forward", "target_group_arn": group.arn}], opts=opts)
        return aws.lb.TargetGroupAttachment(n, target_group_arn=group.arn,
                                            target_id=layer_function(f"{n}-fn", layer).arn, opts=opts)

    def ip_target(n, address):
        """An internet-facing ALB forwarding to an address (availability zone `all`: outside its VPC)."""
        lb = aws.lb.LoadBalancer(f"{n}-alb", internal=False, load_balancer_type="application",
                                 subnets=[s.id for s in segments["internet"].workload_subnets],
                                 drop_invalid_header_fields=True, tags=outside(f"{n}-alb"), opts=opts)
        group = aws.lb.TargetGroup(f"{n}-tg", target_type="ip", port=443, protocol="HTTPS",
                                   vpc_id=segments["internet"].vpc.id, tags=outside(f"{n}-tg"), opts=opts)
        aws.lb.Listener(f"{n}-listener", load_balancer_arn=lb.arn, port=443, protocol="HTTPS",
                        certificate_arn=f"arn:aws:acm:ap-northeast-1:{ACCOUNT}:certificate/0123abcd",
                        ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", tags=outside(f"{n}-listener"),
                        default_actions=[{"type": "forward", "target_group_arn": group.arn}], opts=opts)
        return aws.lb.TargetGroupAttachment(n, target_group_arn=group.arn, target_id=address, port=443,
                                            availability_zone="all", opts=opts)

    def ruled_function(n, layer):
        """A function as the target of a listener rule (not the default action) of an internet-facing ALB."""
        lb = aws.lb.LoadBalancer(f"{n}-alb", internal=False, load_balancer_type="application",
                                 subnets=[s.id for s in segments["internet"].workload_subnets],
                                 drop_invalid_header_fields=True, tags=outside(f"{n}-alb"), opts=opts)
        listener = aws.lb.Listener(f"{n}-listener", load_balancer_arn=lb.arn, port=443, protocol="HTTPS",
                                   certificate_arn=f"arn:aws:acm:ap-northeast-1:{ACCOUNT}:certificate/0123abcd",
                                   ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", tags=outside(f"{n}-listener"),
                                   default_actions=[{"type": "fixed-response", "fixed_response": {
                                       "content_type": "text/plain", "status_code": "404"}}], opts=opts)
        group = aws.lb.TargetGroup(f"{n}-tg", target_type="lambda", tags=outside(f"{n}-tg"), opts=opts)
        aws.lb.ListenerRule(f"{n}-rule", listener_arn=listener.arn, priority=10, tags=outside(f"{n}-rule"),
                            actions=[{"type": "forward", "target_group_arn": group.arn}],
                            conditions=[{"path_pattern": {"values": ["/juki/*"]}}], opts=opts)
        return aws.lb.TargetGroupAttachment(n, target_group_arn=group.arn,
                                            target_id=layer_function(f"{n}-fn", layer).arn, opts=opts)

    def permission(n, principal):
        return aws.lambda_.Permission(n, action="lambda:InvokeFunction", principal=principal, opts=opts,
                                      function=layer_function(f"{n}-fn", "mynumber").name)

    return [
        # a function run by an API or a load balancer on the internet (session 25)
        ("front-rest-lambda-proxy-juki", {"GOV-ISO-008"}, lambda n: rest_proxy(n, "mynumber")),
        ("front-rest-lambda-proxy-private-api", set(), lambda n: rest_proxy(n, "mynumber", "PRIVATE")),
        ("front-rest-lambda-proxy-web", set(), lambda n: rest_proxy(n, "internet")),
        ("front-http-lambda-proxy-juki", {"GOV-ISO-008"}, lambda n: http_proxy(n, "mynumber")),
        ("front-http-lambda-proxy-web", set(), lambda n: http_proxy(n, "internet")),
        ("front-alb-lambda-target-juki", {"GOV-ISO-008"}, lambda n: balanced_function(n, "mynumber", False)),
        ("front-internal-alb-lambda-target-juki", set(), lambda n: balanced_function(n, "mynumber", True)),
        ("front-alb-lambda-target-web", set(), lambda n: balanced_function(n, "internet", False)),
        ("front-alb-rule-lambda-target-juki", {"GOV-ISO-008"}, lambda n: ruled_function(n, "mynumber")),
        ("front-alb-rule-lambda-target-web", set(), lambda n: ruled_function(n, "internet")),
        # an address written out: in a closed layer's block (10.13.16.0/22) or its data-center prefix
        ("front-alb-ip-target-juki-vpc", {"GOV-ISO-008"}, lambda n: ip_target(n, "10.13.19.140")),
        ("front-alb-ip-target-juki-dc", {"GOV-ISO-008"}, lambda n: ip_target(n, "172.20.1.10")),
        ("front-alb-ip-target-web", set(), lambda n: ip_target(n, "10.13.27.140")),
        ("front-permission-apigateway-juki", {"GOV-ISO-008"},
         lambda n: permission(n, "apigateway.amazonaws.com")),
        ("front-permission-events-juki", set(), lambda n: permission(n, "events.amazonaws.com")),
        ("front-cloudfront-origin-juki", {"GOV-ISO-008"}, lambda n: origin(n, "mynumber")),
        ("front-cloudfront-origin-internet", set(), lambda n: origin(n, "internet")),
        ("front-accelerator-juki", {"GOV-ISO-008"}, lambda n: aws.globalaccelerator.EndpointGroup(
            n, listener_arn=LISTENER, endpoint_group_region="ap-northeast-1", opts=opts,
            endpoint_configurations=[{"endpoint_id": balancer(f"{n}-nlb", "mynumber").arn, "weight": 100}])),
        ("front-accelerator-internet", set(), lambda n: aws.globalaccelerator.EndpointGroup(
            n, listener_arn=LISTENER, endpoint_group_region="ap-northeast-1", opts=opts,
            endpoint_configurations=[{"endpoint_id": balancer(f"{n}-nlb", "internet").arn, "weight": 100}])),
        ("front-apprunner-connector-juki", {"GOV-ISO-008"}, lambda n: connector(n, "mynumber")),
        ("front-apprunner-connector-internet", set(), lambda n: connector(n, "internet")),
        ("front-function-url-juki", {"GOV-ISO-008"}, lambda n: function_url(n, "mynumber")),
        ("front-function-url-internet", set(), lambda n: function_url(n, "internet")),
        ("front-http-api-link-juki", {"GOV-ISO-008"}, lambda n: aws.apigatewayv2.VpcLink(
            n, name=n, subnet_ids=[subnet["mynumber"].id], security_group_ids=["sg-0123456789abcdef0"],
            tags=outside(n), opts=opts)),
        ("front-http-api-link-internet", set(), lambda n: aws.apigatewayv2.VpcLink(
            n, name=n, subnet_ids=[subnet["internet"].id], security_group_ids=["sg-0123456789abcdef0"],
            tags=outside(n), opts=opts)),
        # ids written out: the link's and the connector's own layer (their interfaces are there)
        ("front-http-api-link-tagged-lgwan", {"GOV-ISO-008"}, lambda n: aws.apigatewayv2.VpcLink(
            n, name=n, subnet_ids=SUBNETS, security_group_ids=["sg-0123456789abcdef0"], tags=tags(n), opts=opts)),
        ("front-apprunner-connector-tagged-lgwan", {"GOV-ISO-008"}, lambda n: aws.apprunner.VpcConnector(
            n, vpc_connector_name=n[-40:], subnets=SUBNETS, security_groups=["sg-0123456789abcdef0"], tags=tags(n),
            opts=opts)),
        ("front-rest-link-regional-api", {"GOV-ISO-008"}, lambda n: rest_link(n, "REGIONAL")),
        ("front-rest-link-private-api", set(), lambda n: rest_link(n, "PRIVATE")),
        # a load balancer's ARN written out: judged by the layer its name carries
        ("front-accelerator-literal-juki-nlb", {"GOV-ISO-008"}, lambda n: aws.globalaccelerator.EndpointGroup(
            n, listener_arn=LISTENER, endpoint_group_region="ap-northeast-1", opts=opts,
            endpoint_configurations=[{"endpoint_id": NLB.format(name="minato-mynumber-juki")}])),
        ("front-accelerator-literal-web-nlb", set(), lambda n: aws.globalaccelerator.EndpointGroup(
            n, listener_arn=LISTENER, endpoint_group_region="ap-northeast-1", opts=opts,
            endpoint_configurations=[{"endpoint_id": NLB.format(name="minato-web")}])),
        # VPC link V2 from a REST API: integration_target names the load balancer itself
        ("front-rest-integration-target-juki", {"GOV-ISO-008"}, lambda n: aws.apigateway.Integration(
            n, rest_api="a1b2c3d4e5", resource_id="abc123", http_method="GET", type="HTTP_PROXY",
            integration_http_method="GET", uri="https://juki.minato.internal/", connection_type="VPC_LINK",
            connection_id="vl2abc", integration_target=balancer(f"{n}-nlb", "mynumber").arn, opts=opts)),
    ]
