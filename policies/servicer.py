"""The Analyzer's two request loops, converting each resource once.

pulumi_policy's servicer (`pulumi_policy.policy._PolicyAnalyzerServicer`) converts a
resource's properties (protobuf Struct → dict → deserialized values → unknown-checking
proxies), its options and its provider once for *every* policy of the pack, and in
AnalyzeStack rebuilds every PolicyResource, with its parent and dependencies, once per
stack policy. With 36 rules that was nearly all of the pack's time over gRPC (issue 19,
item 5).

`Servicer` is that servicer with Analyze and AnalyzeStack written again to convert once
per request and then run each policy as pulumi_policy does: the same enforcement level
(pack config over the policy's own over the pack's), the same skipping of disabled
policies, the same not-applicable answer for a policy without validation, the same
advisory diagnostic for an UnknownValueError, the same report_violation. What differs:
- the policies of one request share the converted resource (our rules only read it),
  and a policy marked PLAIN (all of ours) gets its properties as a plain dict, converted
  from the wire in one walk (policies/wire.py), without pulumi_policy's unknown-checking
  proxies (it traces unknowns itself, per resource);
- a resource policy offering DIRECT (all of ours) is called with the request's values and
  its config, without pulumi_policy's ResourceValidationArgs and validate wrapper; when every
  stack policy offers DIRECT_STACK (all of ours), they share one list of PlainResource
  records instead of PolicyResources with options and linked objects;
- a resource policy whose rule cannot apply to the resource's type is skipped before its
  arguments are built (its validate would return at once: the answer is the same), and
  which policies run for a type, at which level, is worked out once per type until the
  next Configure;
- the runtime settings (config and project/stack from the environment the engine
  started the pack with) are applied at the first request, not at every one;
- a provider is converted once for all requests, keyed by its whole message (type, URN,
  name and the serialized properties): a stack has a handful of providers, and each of
  its thousands of resources carries one of them.
Everything else (GetAnalyzerInfo, Configure, Remediate, the gRPC server, the port
handshake) is pulumi_policy's own: `install()` makes PolicyPack serve this class.

Within a request, the adapter's views (policies/crossguard.py) are remembered by the
identity of what they are built from (`remembered`), in a memo that lives for that
request only and is thread-local (the server answers on four threads).
tests/policies/test_servicer.py proves the answers are exactly pulumi_policy's own.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from inspect import isawaitable
from typing import NamedTuple

from google.protobuf import json_format
from pulumi.runtime import proto
from pulumi_policy import policy as _pp
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy

from policies.wire import plain_properties

_local = threading.local()
_BASE = _pp._PolicyAnalyzerServicer
#: what this module takes from pulumi_policy's servicer; a version without it fails here
NEEDED = ("_configure_runtime_settings", "_get_enforcement_level", "_create_report_violation",
          "_map_enforcement_level", "_get_resource_options", "_get_provider_resource", "_get_policy_config",
          "_PolicyAnalyzerServicer__policies", "_PolicyAnalyzerServicer__policy_pack_name",
          "_PolicyAnalyzerServicer__policy_pack_version", "_PolicyAnalyzerServicer__stack_tags")


def remembered(kind: str, key_object, compute, *key):
    """compute() once per (kind, key_object, key) in the current request; straight through
    outside one. An entry holds its key object, so an id is not reused while the memo lives."""
    memo = getattr(_local, "memo", None)
    if memo is None:
        return compute()
    slot = (kind, id(key_object), key)
    hit = memo.get(slot)
    if hit is not None and hit[0] is key_object:
        return hit[1]
    value = compute()
    memo[slot] = (key_object, value)
    return value


def _deserialized(struct) -> dict:
    return deserialize_properties(json_format.MessageToDict(struct))


def _properties(struct):
    return unknown_checking_proxy(_deserialized(struct))


#: set on a policy that reads its resources' properties as plain values and traces unknown
#: values itself (every policy of policies/crossguard.py): it is handed a plain dict
#: (policies/wire.py: deserialized as pulumi_policy deserializes, integral numbers as ints),
#: not pulumi_policy's unknown-checking proxies, which it would only take apart again. A
#: policy without it gets the proxies, as from pulumi_policy.
PLAIN = "reads_plain_properties"


#: set on a PLAIN resource policy to a function that validates without pulumi_policy's
#: arguments object: direct(resource_type, props, urn, name, opts, provider, config,
#: report_violation), the same as its validate(args, report_violation) would do with
#: ResourceValidationArgs of those values (stack tags aside: our policies do not read them).
#: Building the arguments and going through pulumi_policy's validate wrapper was a fifth of
#: the pack's time per Analyze (issue 19, item 5).
DIRECT = "validate_plain"


#: set on a PLAIN stack policy to a function that validates the stack from PlainResource
#: records: direct(resources, config, report_violation), the same as its validate(args,
#: report_violation) would do with pulumi_policy's PolicyResources of those resources. All
#: the request's stack policies must offer it, or all get StackValidationArgs; they share one
#: list of records.
DIRECT_STACK = "validate_stack_plain"


class PlainResource(NamedTuple):
    """One resource of an AnalyzeStack request as a DIRECT_STACK policy reads it: what
    pulumi_policy's PolicyResource holds that our rules read, links as URNs."""
    resource_type: str
    props: dict  # policies/wire.py's plain values
    urn: str
    name: str
    protect: bool
    parent: str | None  # the options' parent URN, as PolicyResourceOptions.parent
    provider: object  # pulumi_policy's PolicyProviderResource, or None
    property_dependencies: dict  # input name -> URNs of the request's resources it came from


def _reads_plain(policy) -> bool:
    return getattr(policy, PLAIN, False) is True


#: distinct providers remembered across requests (a stack has one per account and region)
PROVIDERS_KEPT = 256


class Servicer(_BASE):
    """pulumi_policy's Analyzer servicer, with one conversion per resource per request."""

    _configured = False

    def _provider(self, message):
        """The message's provider as pulumi_policy builds it, converted once per distinct
        provider message (the servicer answers on four threads: a race converts twice,
        which is only slower)."""
        if not message.HasField("provider"):
            return None
        prov = message.provider
        key = (prov.type, prov.urn, prov.name, prov.properties.SerializeToString(deterministic=True))
        providers = self.__dict__.setdefault("_providers", {})
        hit = providers.get(key)
        if hit is None:
            hit = self._get_provider_resource(message)
            if len(providers) >= PROVIDERS_KEPT:
                providers.clear()
            providers[key] = hit
        return hit

    def _configure_once(self) -> None:
        if not self._configured:
            self._configure_runtime_settings()
            self._configured = True

    def _run(self, response, policy, level, args) -> None:
        """One policy over its arguments, reported as pulumi_policy reports it."""
        self._call(response, policy, level, lambda report_violation: policy.validate(args, report_violation))

    def _call(self, response, policy, level, validate) -> None:
        """validate(report_violation) for one policy, its violations, unknown values and
        not-applicable answer reported as pulumi_policy reports them."""
        report_violation = self._create_report_violation(response, policy.name, policy.description, level,
                                                         policy.severity)
        try:
            result = validate(report_violation)
            if result is not None and isawaitable(result):
                import asyncio
                loop = asyncio.new_event_loop()
                loop.run_until_complete(asyncio.Task(result, loop=loop))
                loop.close()
        except UnknownValueError as e:
            name, version = self._PolicyAnalyzerServicer__policy_pack_name, \
                self._PolicyAnalyzerServicer__policy_pack_version
            response.diagnostics.append(proto.AnalyzeDiagnostic(
                policyName=policy.name, policyPackName=name, policyPackVersion=version,
                message=f"can't run policy '{policy.name}' from policy pack '{name}@v{version}' during preview: "
                        f"{e.message}",
                urn="", description=policy.description,
                enforcementLevel=self._map_enforcement_level(_pp.EnforcementLevel.ADVISORY)))
        except _pp._NotApplicableError as e:
            response.not_applicable.append(proto.PolicyNotApplicable(policy_name=policy.name, reason=e.reason or ""))

    def _enabled(self, kind):
        """(policy, level) of each policy of `kind` the request runs, in pack order; a
        remediation level is reported as mandatory (a violation that remains after any
        remediation, and stack policies cannot remediate), as pulumi_policy does."""
        for policy in self._PolicyAnalyzerServicer__policies:
            level = self._get_enforcement_level(policy)
            if level == _pp.EnforcementLevel.DISABLED or not isinstance(policy, kind):
                continue
            yield policy, _pp.EnforcementLevel.MANDATORY if level == _pp.EnforcementLevel.REMEDIATE else level

    @contextmanager
    def _request(self):
        """One request: the runtime settings applied once, an empty response, and the
        request's own memo for `remembered`."""
        self._configure_once()
        _local.memo = {}
        try:
            yield proto.AnalyzeResponse()
        finally:
            _local.memo = None

    def _plan(self, resource_type: str) -> list:
        """(policy, level, validates) of each resource policy a request for this type runs,
        in pack order, worked out once per type: the levels change only with Configure,
        which drops them (four threads: a race works one out twice, which is only slower)."""
        plans = self.__dict__.setdefault("_plans", {})
        plan = plans.get(resource_type)
        if plan is None:
            plan = []
            for policy, level in self._enabled(_pp.ResourceValidationPolicy):
                applies = getattr(policy, "applies_to", None)
                if not policy.has_validation():
                    plan.append((policy, level, False))
                elif applies is None or applies(resource_type):
                    plan.append((policy, level, True))
            plans[resource_type] = plan
        return plan

    def Configure(self, request, context):
        self.__dict__.pop("_plans", None)
        return super().Configure(request, context)

    def Analyze(self, request, _context):
        with self._request() as response:
            converted, plain, proxied = None, None, None
            for policy, level, validates in self._plan(request.type):
                if not validates:
                    response.not_applicable.append(proto.PolicyNotApplicable(
                        policy_name=policy.name, reason="Policy does not implement validate"))
                    continue
                if converted is None:
                    converted = (self._get_resource_options(request), self._provider(request))
                opts, provider = converted
                direct = getattr(policy, DIRECT, None)
                if direct is not None:  # ours: no ResourceValidationArgs, no pulumi_policy wrapper
                    plain = plain if plain is not None else plain_properties(request.properties)
                    config = self._get_policy_config(policy.name)
                    self._call(response, policy, level, lambda report_violation: direct(
                        request.type, plain, request.urn, request.name, opts, provider, config, report_violation))
                    continue
                if _reads_plain(policy):
                    plain = props = plain if plain is not None else plain_properties(request.properties)
                else:
                    proxied = props = proxied if proxied is not None else _properties(request.properties)
                args = _pp.ResourceValidationArgs(request.type, props, request.urn, request.name, opts, provider,
                                                  self._get_policy_config(policy.name),
                                                  self._PolicyAnalyzerServicer__stack_tags)
                self._run(response, policy, level, args)
        return response

    def AnalyzeStack(self, request, _context):
        with self._request() as response:
            enabled = list(self._enabled(_pp.StackValidationPolicy))
            if enabled and all(getattr(policy, DIRECT_STACK, None) for policy, _ in enabled):
                plain_resources = self._plain_resources(request)  # shared by every policy of the request
                for policy, level in enabled:
                    direct, config = getattr(policy, DIRECT_STACK), self._get_policy_config(policy.name)
                    self._call(response, policy, level,
                               lambda report_violation: direct(plain_resources, config, report_violation))
                return response
            # plain properties only when every stack policy reads them so: the resources are shared
            plain, resources = all(_reads_plain(policy) for policy, _ in enabled), None
            for policy, level in enabled:
                if resources is None:
                    resources = self._resources(request, plain)
                args = _pp.StackValidationArgs(resources, self._get_policy_config(policy.name),
                                               self._PolicyAnalyzerServicer__stack_tags)
                self._run(response, policy, level, args)
        return response

    def _plain_resources(self, request) -> list[PlainResource]:
        """The request's resources as PlainResource records, once: what _resources builds, with
        the links as URNs (those of the request's resources only, as _resources keeps them)."""
        urns = {r.urn for r in request.resources}
        return [PlainResource(r.type, plain_properties(r.properties), r.urn, r.name, r.options.protect,
                              r.options.parent or None, self._provider(r),
                              {k: [u for u in v.urns if u in urns] for k, v in r.propertyDependencies.items()})
                for r in request.resources]

    def _resources(self, request, plain: bool = False) -> list:
        """The request's resources as pulumi_policy builds them (parents, dependencies and
        property dependencies linked to the resource objects), once; with `plain`, their
        properties deserialized but not proxied."""
        built, links, convert = [], [], plain_properties if plain else _properties
        for r in request.resources:
            resource = _pp.PolicyResource(r.type, convert(r.properties), r.urn, r.name,
                                          self._get_resource_options(r), self._provider(r), None, [], {})
            built.append(resource)
            links.append((resource, r.parent, list(r.dependencies),
                          {k: list(v.urns) for k, v in r.propertyDependencies.items()}))
        by_urn = {resource.urn: resource for resource in built}
        for resource, parent, dependencies, property_dependencies in links:
            if parent is not None and parent in by_urn:
                resource.parent = by_urn[parent]
            resource.dependencies.extend(by_urn[d] for d in dependencies if d in by_urn)
            for k, urns in property_dependencies.items():
                resource.property_dependencies[k] = [by_urn[d] for d in urns if d in by_urn]
        return built


def install() -> None:
    """Make pulumi_policy's PolicyPack serve `Servicer`. Fails loudly when the installed
    pulumi_policy no longer has what the servicer builds on."""
    missing = [name for name in NEEDED if not hasattr(_BASE, name) and name not in _BASE.__annotations__]
    missing += [name for name in ("ResourceValidationArgs", "StackValidationArgs", "PolicyResource",
                                  "_NotApplicableError") if not hasattr(_pp, name)]
    if missing:
        raise RuntimeError(f"the installed pulumi_policy lacks {missing}: policies/servicer.py needs updating")
    _pp._PolicyAnalyzerServicer = Servicer
