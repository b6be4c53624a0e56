"""港区's review page in headless Chromium: a screenshot is produced; no two texts of the
diagram overlap; the page fits A4 landscape without horizontal scrolling."""
from __future__ import annotations

import pytest

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
    assert checked["overflows"] == []  # every text inside its box
    assert checked["scrollWidth"] <= checked["innerWidth"] == 1123


@pytest.mark.parametrize("name", ["setagaya", "itabashi"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_diagram_fits_its_boxes_and_the_page(name, lang, tmp_path):
    page = tmp_path / f"{name}.{lang}.html"
    page.write_text(html.render(review_content(load(SAMPLES[name])), lang), encoding="utf-8")
    checked = layout_check(page, tmp_path / "profile")
    assert checked["overlaps"] == [] and checked["overflows"] == []
    assert checked["diagramWidth"] <= 1000  # drawn at its own size on A4: 12 px text prints at 9 pt
    assert checked["scrollWidth"] <= checked["innerWidth"]


def test_the_check_would_see_a_text_leave_its_box(tmp_path):
    page = tmp_path / "overflow.html"
    page.write_text('<!DOCTYPE html><html><body><svg width="400" height="100"><rect x="0" y="0" width="60" height="40"/>'
                    '<text x="5" y="20">a text far wider than its box</text></svg></body></html>', encoding="utf-8")
    assert layout_check(page, tmp_path / "profile")["overflows"] == ["a text far wider than its box"]


def test_the_check_would_see_an_overlap(tmp_path):
    page = tmp_path / "overlap.html"
    page.write_text('<!DOCTYPE html><html><body><svg width="400" height="100"><text x="10" y="20">alpha</text>'
                    '<text x="14" y="22">beta</text></svg></body></html>', encoding="utf-8")
    assert layout_check(page, tmp_path / "profile")["overlaps"] == ["alpha <> beta"]
