"""Issue 32, the rescore: the one-page summary in type a reader can read (body text at 8.5 pt or more on paper), with
its picture of what to do next and, beside the code, the guide's address and its diary's: one A4 and one Letter page."""

import pytest

from explainer import wrapup
from explainer.diagram import next_steps_diagram
from explainer.outputs import export
from explainer.text import t
from tests.browser.test_diagram_and_diary import printed_pages
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.browser

GUIDE = "https://clinic.example.org/guide/{lang}/index.html"
# 8.5 pt at 96 px to the inch. It was 9 pt (the third rescore asked for 8 pt at least); the doubts' own heading and
# bullets (the fourth round) left no room for 9 pt in the plain Spanish summary on one Letter page.
BODY_TEXT_PX = 8.5 * 96 / 72
BODY_TEXT = ".key-points li, main > ul > li, main > p:not(.small):not(.about), .phone p:not(.small)"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_summary_prints_its_body_text_at_8_5_pt_on_one_a4_and_one_letter_page_with_the_addresses(
    browser, tmp_path, lang
):
    guide = GUIDE.format(lang=lang)
    path = tmp_path / "summary.html"
    path.write_text(export.summary_html(DATA, lang, guide), encoding="utf-8")
    page = browser.new_context().new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    sizes = page.eval_on_selector_all(BODY_TEXT, "all => all.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert len(sizes) > 10 and min(sizes) >= BODY_TEXT_PX - 0.01, sorted(sizes)[:5]
    box = page.locator(".phone")
    assert box.locator("svg.qr").is_visible()
    words = box.inner_text().replace("\n", "")
    assert guide in words and wrapup.diary_address(guide) in words
    drawing = page.locator(".key-points").get_by_role("img", name=next_steps_diagram(lang).alt_text)
    assert drawing.is_visible() and drawing.bounding_box()["width"] >= 100
    # the words under each step print at 7 pt or more (at 3.8 cm wide they printed at about 4 pt)
    label_px = drawing.evaluate(
        """svg => Math.min(...[...svg.querySelectorAll('text')].filter(text => /[a-z]/i.test(text.textContent))
            .map(text => parseFloat(text.getAttribute('font-size')) * svg.getBoundingClientRect().width
                 / svg.viewBox.baseVal.width))"""
    )
    assert label_px >= 7 * 96 / 72 - 0.01, label_px
    assert t(lang, "key_points.heading") in page.locator(".key-points").inner_text()
    assert printed_pages(page, "A4") == 1 and printed_pages(page, "Letter") == 1
    page.pdf(path=ROOT / "screenshots" / f"summary-{lang}-letter.pdf", format="Letter")
    page.context.close()
