"""Leaving a govcloud process once its command is done, without the interpreter's teardown.

A planning command ends with about a million objects alive (the cloud SDKs' modules, the
plan under the mock runtime, the Outputs and futures it leaves behind). At exit CPython
collects their cycles and then frees every module, one object at a time: about 0.9 s of a
cold `govcloud review` of 港区 (0.4 s the final collection of ~170,000 unreachable objects,
the rest the modules' teardown), a third of the whole command (BENCHMARKS.md, issue 14).
Nothing of it is seen by anyone: the memory goes back to the system with the process.

So the command's end does what interpreter shutdown does that matters, then stops:
- waits for the threads that are not daemons and shuts the thread pools down
  (threading's own shutdown, as Py_FinalizeEx does first);
- runs every atexit handler (logging's flush, temporary folders, multiprocessing);
- flushes standard output and error (status 120 if it cannot, as CPython does);
- exits with the command's status, as sys.exit would have (None is 0, a number is itself,
  anything else is printed to standard error and is 1).
It is what Instagram's Python services do for the same reason ("Dismissing Python Garbage
Collection at Instagram": atexit.register(os._exit, 0)). Used only by the `govcloud`
process itself (scripts/cli.py `run`); click's test runner and anything importing the CLI
keep the ordinary exit. If the interpreter lacks either shutdown function, the ordinary
exit is taken.
"""
from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


#: the status CPython exits with when it cannot flush standard output or error (Py_Exit)
FLUSH_FAILED = 120


def status_of(code) -> int:
    """The process status sys.exit(code) gives (writing a message to stderr as it does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def exit_now(code) -> NoReturn:
    """End the process with `code` as sys.exit would, skipping only the objects' teardown."""
    shutdown_threads = getattr(threading, "_shutdown", None)
    run_atexit = getattr(atexit, "_run_exitfuncs", None)
    if shutdown_threads is None or run_atexit is None:
        sys.exit(code)
    status = status_of(code)
    shutdown_threads()
    run_atexit()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader gone (`govcloud ... | head`): CPython's own status then
            status = FLUSH_FAILED
    os._exit(status)


__all__ = ["exit_now", "status_of", "FLUSH_FAILED"]
