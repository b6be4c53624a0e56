"""The `govcloud` command line: thin; it formats and exits, the domain lives elsewhere."""
