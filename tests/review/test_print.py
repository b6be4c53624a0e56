"""港区's review page printed to PDF by headless Chromium (A4 landscape, as a municipality
files it): the page count, a first page that is not blank, and text that stays legible on
paper (≥ 9 pt), the network diagram included. pypdf reads the PDF back."""
from __future__ import annotations

import math

import pytest
from pypdf import PdfReader

from network.declaration import load
from pipeline.review import review_content
from review import html
from tests.conftest import SAMPLES
from tests.review.browser import run

A4_LANDSCAPE_PT = (842, 595)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print")
    page = folder / "131032-minato-review.ja.html"
    page.write_text(html.render(review_content(load(SAMPLES["minato"])), "ja"), encoding="utf-8")
    pdf = folder / "minato.pdf"
    run([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()], folder / "profile")
    return PdfReader(pdf)


def sizes_on(page) -> list[tuple[float, str]]:
    """(size on paper in pt, text) of every text run of a page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), text.strip()))
    page.extract_text(visitor_text=visit)
    return found


def test_it_prints_on_a4_landscape_pages_and_page_one_is_the_title(printed):
    assert 2 <= len(printed.pages) <= 30
    for page in printed.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == A4_LANDSCAPE_PT
    first = printed.pages[0].extract_text()
    assert "港区" in first and "ネットワーク設計レビュー資料" in first  # not a blank first page


def test_every_text_is_at_least_9_pt_on_paper_the_diagram_too(printed):
    small = [(round(size, 1), text) for page in printed.pages
             for size, text in sizes_on(page) if size < 8.95]  # 12 px is 9 pt (float noise aside)
    assert small == []
    diagram = [text for page in printed.pages for size, text in sizes_on(page)]
    for label in ("EqTY2 (tokyo)", "Transit Gateway ASN", "mynumber 10.13.16.0/22"):
        assert any(label in text for text in diagram), label  # the diagram's text was measured
