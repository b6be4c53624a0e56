"""scripts/exiting.py ends a govcloud process as sys.exit would, minus the objects' teardown:
the same status, every thread and atexit handler run, the output flushed. Each scenario runs
both ways in a child process and the two must agree."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scripts.exiting import FLUSH_FAILED, status_of
from tests.conftest import ROOT, run_govcloud

SCENARIO = textwrap.dedent("""
    import atexit, sys, threading, time
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path
    sys.path.insert(0, {root!r})
    out = Path(sys.argv[2])

    def late():  # a thread that is not a daemon, still working when the command ends
        time.sleep(0.2)
        (out / "thread").write_text("done")
    threading.Thread(target=late).start()
    pool = ThreadPoolExecutor(2)  # never shut down by the command: the interpreter's exit does it
    pool.submit(lambda: (time.sleep(0.2), (out / "pool").write_text("done")))
    atexit.register(lambda: (out / "atexit").write_text("done"))
    sys.stdout.write("no newline at the end " * 3)  # still in the buffer
    sys.stderr.write("a warning\\n")
    code = eval(sys.argv[3])
    if sys.argv[1] == "exit_now":
        from scripts.exiting import exit_now
        exit_now(code)
    sys.exit(code)
""")


#: the children's output stays in their buffers until the end (as for a pipe), so the exit
#: must flush it
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def child(tmp_path: Path, how: str, code: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    out = tmp_path / how
    out.mkdir()
    script = tmp_path / "scenario.py"
    script.write_text(SCENARIO.format(root=str(ROOT)), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), how, str(out), code], capture_output=True, text=True,
                          timeout=60, env=BUFFERED)
    return done, {p.name for p in out.iterdir()}


@pytest.mark.parametrize("code", ["0", "1", "3", "None", "'exit 2: invalid input'", "256"])
def test_the_process_ends_as_sys_exit_ends_it(tmp_path, code):
    ordinary, wrote = child(tmp_path, "sys_exit", code)
    at_once, wrote_at_once = child(tmp_path, "exit_now", code)
    assert at_once.returncode == ordinary.returncode
    assert at_once.stdout == ordinary.stdout == "no newline at the end " * 3
    assert at_once.stderr == ordinary.stderr
    assert wrote_at_once == wrote == {"thread", "pool", "atexit"}


def test_status_of_follows_sys_exit(capsys):
    assert [status_of(c) for c in (None, 0, 1, 3, 256)] == [0, 0, 1, 3, 0]
    assert status_of("exit 2: invalid input") == 1
    assert capsys.readouterr().err == "exit 2: invalid input\n"


def test_a_reader_gone_gives_cpythons_status(tmp_path):
    """`govcloud ... | head`: the output cannot be flushed; CPython then exits 120, and so
    does exit_now."""
    script = tmp_path / "gone.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        sys.stdout.write("x" * 100)
        time.sleep(0.5)  # the reader closes its end meanwhile
        if sys.argv[1] == "exit_now":
            from scripts.exiting import exit_now
            exit_now(0)
        sys.exit(0)
    """), encoding="utf-8")
    statuses = []
    for how in ("sys_exit", "exit_now"):
        process = subprocess.Popen([sys.executable, str(script), how], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=BUFFERED)
        process.stdout.close()
        statuses.append(process.wait(timeout=30))
    assert statuses == [FLUSH_FAILED, FLUSH_FAILED]


def test_the_govcloud_command_ends_through_exit_now():
    """The console script is scripts.cli:run, and its statuses are the CLI's."""
    import tomllib
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["govcloud"] == "scripts.cli:run"
    assert run_govcloud("stacks").returncode == 0
    missing = run_govcloud("validate", "no-such-stack")
    assert missing.returncode == 2 and "no-such-stack" in missing.stderr


def test_the_teardown_itself_is_skipped(tmp_path):
    """What exit_now leaves out and nothing else: the interpreter's final collection of the
    objects left in cycles (a finalizer in a cycle runs at an ordinary exit, not here). How
    much time that saves is measured in BENCHMARKS.md, not here."""
    script = tmp_path / "cycle.py"
    script.write_text(textwrap.dedent(f"""
        import gc, os, sys
        sys.path.insert(0, {str(ROOT)!r})
        gc.disable()
        class Node:
            def __del__(self):
                os.write(1, b"torn down\\n")
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        if sys.argv[1] == "exit_now":
            from scripts.exiting import exit_now
            exit_now(0)
    """), encoding="utf-8")
    ordinary, at_once = (subprocess.run([sys.executable, str(script), how], capture_output=True, text=True,
                                        timeout=60) for how in ("sys_exit", "exit_now"))
    assert ordinary.stdout.count("torn down") == 2 and ordinary.returncode == 0
    assert at_once.stdout == "" and at_once.returncode == 0
