"""Headless Chromium on a local file: a screenshot, and the DOM after a check script ran."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-features=Translate,MediaRouter", "--hide-scrollbars"]
#: A4 landscape at 96 dpi
A4_LANDSCAPE = (1123, 794)

CHECK = """
<script>
window.addEventListener('load', () => {
  const texts = Array.from(document.querySelectorAll('svg text')).map(t => ({s: t.textContent, r: t.getBoundingClientRect()}));
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].r, b = texts[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 1 && h > 1) overlaps.push(texts[i].s + ' <> ' + texts[j].s);
  }
  // a text drawn in a box must stay inside it: the smallest rect that holds its start
  const rects = Array.from(document.querySelectorAll('svg rect')).map(r => r.getBoundingClientRect());
  const overflows = [];
  for (const t of texts) {
    const holders = rects.filter(b => b.left <= t.r.left + 1 && t.r.left + 1 <= b.right && b.top <= t.r.top + 1 && t.r.top + 1 <= b.bottom);
    if (!holders.length) continue;
    const box = holders.reduce((a, b) => (a.width * a.height <= b.width * b.height ? a : b));
    if (t.r.right > box.right + 1 || t.r.bottom > box.bottom + 1) overflows.push(t.s);
  }
  const svg = document.querySelector('svg.diagram');
  const out = document.createElement('pre');
  out.id = 'layout-check';
  out.textContent = JSON.stringify({texts: texts.length, overlaps: overlaps, overflows: overflows,
    diagramWidth: svg ? svg.viewBox.baseVal.width : null,
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth});
  document.body.appendChild(out);
});
</script>
"""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("Chromium is not installed: `make test` installs it (Debian package chromium)")
    return found


def run(args: list[str], profile: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=timeout)


def screenshot(page: Path, png: Path, profile: Path, size=(A4_LANDSCAPE[0], 3000)) -> None:
    run([f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", page.as_uri()], profile)


def layout_check(page: Path, profile: Path) -> dict:
    """Load the page with the check script at A4-landscape width; return what it measured."""
    import json
    import re
    checked = page.with_suffix(".check.html")
    checked.write_text(page.read_text(encoding="utf-8").replace("</body>", CHECK + "</body>"), encoding="utf-8")
    result = run([f"--window-size={A4_LANDSCAPE[0]},{A4_LANDSCAPE[1]}", "--virtual-time-budget=5000", "--dump-dom",
                  checked.as_uri()], profile)
    match = re.search(r'<pre id="layout-check">(.*?)</pre>', result.stdout, re.S)
    if not match:
        raise RuntimeError(f"the check did not run: {result.stderr[-2000:]}")
    import html
    return json.loads(html.unescape(match.group(1)))
