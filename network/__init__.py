"""Tenancy declaration, validation and address planning.

Imports only the standard library, netaddr and PyYAML, so that the CLI can validate and
plan without loading Pulumi.
"""
