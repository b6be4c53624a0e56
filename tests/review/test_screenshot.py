"""港区's review page in headless Chromium: a screenshot is produced; no two texts of the
diagram overlap; the page fits A4 landscape without horizontal scrolling."""
from __future__ import annotations

from network.declaration import load
from review import html
from pipeline.review import review_content
from tests.conftest import SAMPLES
from tests.review.browser import layout_check, screenshot


def test_minato_page_is_readable_on_a4_landscape(tmp_path):
    page = tmp_path / "131032-minato-review.ja.html"
    page.write_text(html.render(review_content(load(SAMPLES["minato"])), "ja"), encoding="utf-8")
    png = tmp_path / "minato.png"
    screenshot(page, png, tmp_path / "profile")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    checked = layout_check(page, tmp_path / "profile2")
    assert checked["texts"] > 60
    assert checked["overlaps"] == []
    assert checked["scrollWidth"] <= checked["innerWidth"] == 1123


def test_the_check_would_see_an_overlap(tmp_path):
    page = tmp_path / "overlap.html"
    page.write_text('<!DOCTYPE html><html><body><svg width="400" height="100"><text x="10" y="20">alpha</text>'
                    '<text x="14" y="22">beta</text></svg></body></html>', encoding="utf-8")
    assert layout_check(page, tmp_path / "profile")["overlaps"] == ["alpha <> beta"]
