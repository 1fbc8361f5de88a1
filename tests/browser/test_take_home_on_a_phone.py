"""Issue 30: the take-home pages (handout, summary, diary, the guide) on a 390 px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer import text
from explainer.outputs import export
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from tests.conftest import DATA

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS["phone"]
ADDRESS = "https://clinic.example.org/guide/{lang}/index.html"

# Every element a reader sees that ends past the screen's right edge (a visually hidden table head aside).
PAST_THE_EDGE = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.checkVisibility() && !e.closest('thead') && e.getBoundingClientRect().width > 0)
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => `${e.tagName} ${Math.round(e.getBoundingClientRect().right)} px: ${e.textContent.trim().slice(0, 40)}`)"""
# The chart text a reader sees, in screen pixels: the SVG's font size times the scale it is drawn at.
CHART_TEXT = """() => [...document.querySelectorAll('figure svg')].filter(svg => svg.checkVisibility()
        && svg.getBoundingClientRect().width > 0 && !svg.closest('figure.diagram'))
    .flatMap(svg => {
        const drawn = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
            .map(t => parseFloat(getComputedStyle(t).fontSize) * drawn);
    })"""


@pytest.fixture(scope="module")
def take_home(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("take-home")
    pages = {}
    for lang in ("en", "es"):
        pages[f"handout-{lang}"] = export.handout_html(DATA, lang, pain_today=7)
        pages[f"handout-plain-{lang}"] = export.handout_html(DATA, lang)  # no pain score: the table of halves
        pages[f"summary-{lang}"] = export.summary_html(DATA, lang, ADDRESS.format(lang=lang), 7)
        pages[f"diary-{lang}"] = export.diary_html(DATA, lang)
    files = {name: folder / f"{name}.html" for name in pages}
    for name, page in pages.items():
        files[name].write_text(page, encoding="utf-8")
    export.write_site(DATA, folder / "site")
    for lang in ("en", "es"):
        for topic in ("diary", "index", "results", "trials", "risks"):
            files[f"guide-{topic}-{lang}"] = folder / "site" / lang / f"{topic}.html"
    return files


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["handout", "summary", "diary", "guide-diary"])
def test_nothing_runs_off_a_phone_screen(phone, take_home, name, lang):
    phone.goto(take_home[f"{name}-{lang}"].as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(PAST_THE_EDGE) == []
    phone.screenshot(path=SCREENSHOTS / f"phone-take-home-{name}-{lang}.png", full_page=True)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["diary", "guide-diary"])
def test_every_line_of_the_diary_is_named_on_a_phone(phone, take_home, name, lang):
    phone.goto(take_home[f"{name}-{lang}"].as_uri())
    cells = phone.locator(".diary .table-wrap tbody td")  # the days, not the printed halves above them
    assert cells.count() == 7 * 6
    named = cells.evaluate_all("cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    columns = ("morning", "evening", "walk", "sit", "sleep", "notes")
    expected = [text.t(lang, f"diary.{column}") for column in columns] * 7
    assert [name.strip('"').removesuffix(": ") for name in named] == expected
    for cell in cells.all()[:6]:
        box = cell.bounding_box()
        assert box["height"] >= 40, "room to write"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_summarys_phone_box_holds_its_words(phone, take_home, lang):
    phone.goto(take_home[f"summary-{lang}"].as_uri())
    box = phone.locator(".phone").bounding_box()
    for line in phone.locator(".phone p").all():
        inside = line.bounding_box()
        assert inside["x"] + inside["width"] <= box["x"] + box["width"], line.inner_text()
    assert ADDRESS.format(lang=lang) in phone.locator(".phone").inner_text().replace("\n", "")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_handout_has_contents_that_link_to_each_section(phone, take_home, lang):
    phone.goto(take_home[f"handout-{lang}"].as_uri())
    contents = phone.get_by_role("navigation", name=text.t(lang, "handout.contents"))
    links = contents.get_by_role("link")
    headings = phone.locator("main h2").all_inner_texts()
    # after the contents' own heading: the key points are its first link (on a phone the longer box pushed the
    # contents below the second screen when they came after it)
    sections = headings[headings.index(text.t(lang, "handout.contents")) + 1 :]
    assert links.all_inner_texts() == sections and len(sections) >= 6
    assert contents.bounding_box()["y"] < 2 * PHONE["height"], "the contents come early"
    last = links.last
    last.click()
    target = phone.locator(last.get_attribute("href"))
    assert target.bounding_box()["y"] < 10, "the link lands on its section"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["handout", "guide-index", "guide-results", "guide-trials", "guide-risks"])
def test_chart_text_is_at_least_12_px_on_a_phone(phone, take_home, name, lang):
    phone.goto(take_home[f"{name}-{lang}"].as_uri())
    sizes = phone.evaluate(CHART_TEXT)
    assert sizes, "the page shows charts"
    assert min(sizes) >= 12, f"the smallest chart text is {min(sizes):.1f} px"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", ["handout-plain", "diary", "guide-diary"])
def test_each_half_in_the_diarys_table_reads_on_one_line_on_a_phone(phone, take_home, name, lang):
    """ "0.5" once wrapped as "0." over "5" on a 390 px phone: each number keeps to one line."""
    phone.goto(take_home[f"{name}-{lang}"].as_uri())
    cells = phone.locator("table.halves td")
    assert cells.count() == 20
    lines = cells.evaluate_all(
        """cells => cells.map(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
            return [cell.textContent.trim(), tops.size]; })"""
    )
    assert [number for number, count in lines if count != 1] == []
    assert phone.evaluate(PAST_THE_EDGE) == []
