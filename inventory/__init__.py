"""The plan inventory (`govcloud-inventory/1`) and the one way to read it.

components/ writes it (the recorder runs the Pulumi program under the mock runtime);
policies/, drift/ and review/ read it only through this package:

- `tokens`: the Pulumi type tokens, named once;
- `decode`: provider inputs as the engine sends them, decoded once;
- `view`: `Resource`, what every reader sees of a resource (from an inventory or from the
  CrossGuard analyzer);
- `layers`: which layer a resource belongs to, worked out one way;
- `format`: the document itself, and the same document from a `pulumi stack export`.

Imports only the standard library and network/ (the tagging convention), so reading an
inventory never loads Pulumi or a provider SDK.
"""
