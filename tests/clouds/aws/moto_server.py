"""A real moto server on 127.0.0.1, started and stopped by the tests."""
from __future__ import annotations

import copy
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self):
        self.port = free_port()
        self._built: dict = {}
        self.url = f"http://127.0.0.1:{self.port}"
        launcher = str(Path(__file__).with_name("moto_launcher.py"))
        self.process = subprocess.Popen([sys.executable, launcher, "-H", "127.0.0.1", "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=2)
                break
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto server did not start")
                time.sleep(0.2)

    def reset(self):
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/reset", method="POST"), timeout=180)

    def _state(self, op: str, name: str) -> None:
        urllib.request.urlopen(urllib.request.Request(f"{self.url}/moto-api/govcloud-state?op={op}&name={name}",
                                                      method="POST"), timeout=180)

    def prepared(self, name: str, build):
        """The state `build()` makes from an empty server, built once and then put back as it
        was after building (moto_launcher.py keeps a copy): each test that tampers with it
        starts from the same state, without paying for the API calls again. Returns (a copy
        of) what build() returned."""
        if name not in self._built:
            self.reset()
            self._built[name] = build()
            self._state("snapshot", name)
        else:
            self._state("restore", name)
        return copy.deepcopy(self._built[name])

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
