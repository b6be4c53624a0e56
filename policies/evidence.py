"""Evidence for every verdict: which resources each rule looked at, and which of their
properties it read. The rules are run once more over views whose properties record every
read (a dotted path, through nested objects and lists), so the evidence is what the rule
really consulted, for a pass as much as for a fail, without each rule listing it by hand.

Used by the review (issue 14): 適合 shows what was checked, 不適合 the resource and the
property at fault."""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping

from inventory.layers import Layers
from inventory.view import Resource
from policies.evaluate import Context, enforcement_of, rule_config, run_rule
from policies.registry import all_rules


class _Reads:
    """urn -> the dotted property paths read, for the rule being run."""

    def __init__(self):
        self.by_urn: dict[str, dict[str, None]] = defaultdict(dict)
        self.on = False

    def note(self, urn: str, path: str) -> None:
        if self.on:
            self.by_urn[urn][path] = None


class _Tracked(Mapping):
    """A resource's properties (or a nested object) that notes every key read."""

    __slots__ = ("_data", "_urn", "_prefix", "_reads")

    def __init__(self, data: Mapping, urn: str, prefix: str, reads: _Reads):
        self._data, self._urn, self._prefix, self._reads = data, urn, prefix, reads

    def _wrap(self, value, path: str):
        if isinstance(value, Mapping):
            return _Tracked(value, self._urn, path + ".", self._reads)
        if isinstance(value, list):
            return [self._wrap(v, path) for v in value]
        return value

    def __getitem__(self, key):
        path = f"{self._prefix}{key}"
        self._reads.note(self._urn, path)
        return self._wrap(self._data[key], path)

    def __contains__(self, key) -> bool:
        self._reads.note(self._urn, f"{self._prefix}{key}")
        return key in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class _Seen(Resource):
    """A resource view that notes, besides its properties, the references (`ref`) and the
    protection flags a rule reads."""

    _reads: _Reads

    def ref(self, prop: str) -> list:
        self._reads.note(self.urn, prop)
        return super().ref(prop)

    def __getattribute__(self, name):
        if name in ("protect", "retain_on_delete"):
            object.__getattribute__(self, "_reads").note(object.__getattribute__(self, "urn"), name)
        return object.__getattribute__(self, name)


def _seen(resource: Resource, reads: _Reads) -> _Seen:
    fields = {f.name: getattr(resource, f.name) for f in dataclasses.fields(Resource)}
    view = _Seen(**{**fields, "props": _Tracked(resource.props, resource.urn, "", reads)})
    view.provider_props = resource.provider_props  # already decoded
    view._reads = reads
    return view


def collect(resources: list, model=None, config: dict | None = None) -> dict[str, list[dict]]:
    """rule id -> [{urn, name, type, properties}] of the resources the rule read a property
    of, in the order it read them. A disabled rule is not run and has no evidence."""
    config = config or {}
    reads = _Reads()
    tracked = [_seen(r, reads) for r in resources]
    layers = Layers(tracked)
    for r in tracked:  # attribution (tags) is shared by every rule: read before recording
        layers.of(r)
    by_type: dict[str, list] = defaultdict(list)
    for r in tracked:
        by_type[r.type].append(r)
    by_urn = {r.urn: r for r in resources}
    evidence = {}
    for rule in all_rules():
        if enforcement_of(rule, config) == "disabled":
            evidence[rule.id] = []
            continue
        reads.by_urn.clear()
        reads.on = True
        try:
            run_rule(rule, tracked, Context(model, rule_config(rule, config), tracked, layers), by_type)
        finally:
            reads.on = False
        evidence[rule.id] = [{"urn": urn, "name": by_urn[urn].name, "type": by_urn[urn].type,
                              "properties": list(paths)} for urn, paths in reads.by_urn.items() if urn in by_urn]
    return evidence
