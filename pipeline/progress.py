"""A progress line for long runs on a terminal: stacks done, failures so far, time left. On
anything that is not a terminal (CI logs, pipes, files) it writes nothing."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None, clock=time.monotonic, label: str = "stacks"):
        self.stream = stream if stream is not None else sys.stderr
        self.active = total > 1 and bool(getattr(self.stream, "isatty", lambda: False)())
        self.total, self.done, self.failed = total, 0, 0
        self.clock, self.start, self.label = clock, clock(), label

    def line(self) -> str:
        elapsed = self.clock() - self.start
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        return (f"{self.done}/{self.total} {self.label}, {self.failed} with errors or findings, "
                f"about {left:.0f} s left")

    def step(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += bool(failed)
        if self.active:
            self.stream.write("\r\033[K" + self.line())
            self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\033[K")
            self.stream.flush()
