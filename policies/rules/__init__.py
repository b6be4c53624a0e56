"""Rule modules, one per family. Each registers its rules with policies.registry."""
