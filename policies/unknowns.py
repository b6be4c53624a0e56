"""Values that are unknown during `pulumi preview`, traced to the resource they belong to.

pulumi_policy's own proxy raises UnknownValueError with the property path only, so a stack
rule that meets one unknown value cannot tell whose it was, and the whole rule becomes one
advisory. This proxy raises the same error (a subclass, so pulumi_policy still catches it)
carrying the resource's URN and name: the evaluator then sets that one resource aside as
"cannot be checked in preview" and evaluates the rule over the others (policies/evaluate.py).
Values are wrapped when read, not up front, so a rule pays only for what it reads."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from pulumi_policy.proxy import (UNKNOWN_ARCHIVE_VALUE, UNKNOWN_ARRAY_VALUE, UNKNOWN_ASSET_VALUE,
                                 UNKNOWN_BOOLEAN_VALUE, UNKNOWN_NUMBER_VALUE, UNKNOWN_OBJECT_VALUE,
                                 UNKNOWN_STRING_VALUE, UnknownValueError)

SENTINELS = frozenset({UNKNOWN_ARCHIVE_VALUE, UNKNOWN_ARRAY_VALUE, UNKNOWN_ASSET_VALUE, UNKNOWN_BOOLEAN_VALUE,
                       UNKNOWN_NUMBER_VALUE, UNKNOWN_OBJECT_VALUE, UNKNOWN_STRING_VALUE})


class UnknownInResource(UnknownValueError):
    """An unknown value of one resource: `urn` names it, the message starts with its name."""

    def __init__(self, sentinel: str, path: list, urn: str, name: str):
        super().__init__(sentinel, path)
        self.urn = urn
        self.message = f"{name}: {self.message}"


class _Origin:
    __slots__ = ("urn", "name")

    def __init__(self, urn: str, name: str):
        self.urn, self.name = urn, name


def _wrap(value, path: tuple, origin: _Origin):
    if isinstance(value, str):
        if value in SENTINELS:
            raise UnknownInResource(value, list(path), origin.urn, origin.name)
        return value
    if isinstance(value, dict):
        return _Dict(value, path, origin)
    if isinstance(value, list):
        return _List(value, path, origin)
    return value


class _Dict(Mapping):
    __slots__ = ("_target", "_path", "_origin")

    def __init__(self, target: dict, path: tuple, origin: _Origin):
        self._target, self._path, self._origin = target, path, origin

    def __getitem__(self, key):
        if key == "__target":  # as pulumi_policy's proxy: the plain values behind it
            return self._target
        return _wrap(self._target[key], self._path + (str(key),), self._origin)

    def __iter__(self):
        return iter(self._target)

    def __len__(self):
        return len(self._target)

    # Mapping's own get and `in` go through __getitem__ and KeyError: the same answers, faster
    def get(self, key, default=None):
        if key == "__target" or key in self._target:
            return self[key]
        return default

    def __contains__(self, key):
        if key == "__target":
            return True
        if key not in self._target:
            return False
        self[key]  # an unknown value raises, as Mapping.__contains__ reading it does
        return True


class _List(Sequence):
    __slots__ = ("_target", "_path", "_origin")

    def __init__(self, target: list, path: tuple, origin: _Origin):
        self._target, self._path, self._origin = target, path, origin

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._target)))]
        return _wrap(self._target[index], self._path + (str(index),), self._origin)

    def __len__(self):
        return len(self._target)


def checking(props: dict, urn: str, name: str) -> Mapping:
    """`props` behind a proxy that raises UnknownInResource on reading an unknown value."""
    return _Dict(props, (), _Origin(urn, name))
