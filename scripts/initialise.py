"""`govcloud init`: write a new, valid stack file from the pool and the defaults."""
from __future__ import annotations

import click

from scripts.output import EXIT_OK, emit_json, invalid


def run_init(targets, code, name, romaji, cloud, fmt) -> int:
    from network.declaration import loads
    from network.naming import stack_file
    from network.errors import DeclarationError
    from network.checks.identity import identify
    from network.municipalities import romaji as romaji_of
    from network.lgcode import code_problem
    from network.pool import load_pool
    from network.stacks import cross_check, display_path, peek, tenancy_footprint
    from network.template import new_stack

    fail = invalid
    problem = code_problem(code)
    if problem:
        return fail(f"--code: {problem}", "copy the code from the 全国地方公共団体コード list")
    entry, message, fix = identify(code)
    if entry is None:
        return fail(f"--code: {message}", fix)
    if name is not None and not name.isascii() and name != entry.name:
        return fail(f"--name: {code} is {entry.prefecture}{entry.name}, not {name}",
                    "leave --name out: the name comes from the code")
    if romaji is None:
        romaji = name.lower() if name is not None and name.isascii() else romaji_of(entry)
    name = entry.name
    stack = f"{code}-{romaji}"
    path = stack_file(targets.root, stack)
    if path.exists():
        return fail(f"{display_path(path)} already exists", "edit it, or remove it first")
    existing = [fp for fp in map(peek, targets.all()) if fp]
    same_code = [fp.file for fp in existing if fp.code == code]
    if same_code:
        return fail(f"code {code} is already declared by {', '.join(same_code)}", "one stack per municipality")
    try:
        pool = load_pool(targets.root)
    except DeclarationError as exc:
        return fail(str(exc), "fix govcloud.yaml")
    space = pool.first_free([fp.space for fp in existing if fp.space])
    if space is None:
        return fail(f"the pool {pool.cidr} has no free /{pool.tenancy_prefix_length} left",
                    "widen addressPool in govcloud.yaml")
    text = new_stack(code, name, romaji, cloud, space)
    try:
        tenancy = loads(text, display_path(path), stack, draft=True)
    except DeclarationError as exc:  # bad --name/--romaji values land here
        return fail(str(exc).replace(display_path(path), "the new stack"), "correct the options")
    clash = cross_check(existing + [tenancy_footprint(tenancy)], focus={stack})
    if clash:
        return fail("\n".join(d.render() for d in clash[stack]), "report this: the pool allocation clashed")
    targets.stacks_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if fmt == "json":
        emit_json({"stack": stack, "file": display_path(path), "addressSpace": space})
    else:
        click.echo(f"wrote {display_path(path)} ({name}, {cloud}, addressSpace {space})\n"
                   f"next: confirm each value marked '# 確認' (whom to ask is in the comment), delete the marker, "
                   f"then: govcloud validate {stack}")
    return EXIT_OK

