"""Drift detection: the declared inventory against the live cloud, read-only, in batches."""
