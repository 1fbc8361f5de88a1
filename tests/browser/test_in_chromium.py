"""The app as a patient meets it: Debian's Chromium, desktop and phone, keyboard, screen reader, reading level."""

from __future__ import annotations

import re

import pytest
import textstat
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer import data, readability, text, views
from tests.app_pages import app_pages
from tests.browser.conftest import SCREENSHOTS, SLIDER, AppPage, running_app
from tests.conftest import DATA, replace_in

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# What a reader must see on each page; a page not listed here is still loaded and checked.
MAIN_FIGURES = {
    "": ["50% to 70%", "85 out of 100", "72 out of 100", "Aspire Pain Relief Institute"],
    "outcomes": ["50% to 70%", "85 out of 100 people", "72 out of 100 people", "better by 50%"],
    "evidence": ["48 out of 100", "9 out of 100", "Fact box: benefits and harms side by side"],
    "procedure": ["Step 1: Check if it fits you", "Step 7: Fine-tune and follow up"],
    "risks": ["About 2 to 3 out of 100 devices put in", "About 30 to 40 out of 100 people", "within 30 days"],
    "sources": ["Last reviewed: November 24, 2026", "Studies about risks ("],
}
PAGES = app_pages()
PAGE_IDS = [page.url_path or "overview" for page in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_page_loads_clean_and_accessible(app: AppPage, page, viewport, request):
    tab = app.open(f"/{page.url_path}")
    main = tab.get_by_test_id("stMain")
    for figure in MAIN_FIGURES.get(page.url_path, []):
        expect(main.get_by_text(figure, exact=False).filter(visible=True).first).to_be_visible()
    assert tab.get_by_test_id("stException").count() == 0
    assert tab.get_by_test_id("stAlertContentError").count() == 0

    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()

    app.screenshot(f"{viewport}-{page.url_path or 'overview'}")
    assert app.problems == []


# Phone screens (390x844) a page may take at first sight, with its expanders and tabs closed. Spanish
# runs about 8% longer than English.
# Issue 25 put the harms and the reasons for doubt beside the clinic's figures on the overview and the urgent signs
# on Procedure, shown, not folded: half a phone screen more than the 6 and 6.5 before.
# Issue 32's plain descriptions of each trial and the kind of study beside each harm made Trials the longest
# page (6.7 and 7.6 screens); its shorter words and the devices taken out folded under "More detail" bring it back.
# The overview's three harms say what each means for a person (the fourth rescore's CDC 18): 6.8 and 7.3 screens
# where they were at most 6.5 and 7.0. The clinic's figures' charts above them take two screens: the next place
# to make the page shorter.
MOST_PHONE_SCREENS = {"en": 7.0, "es": 7.5}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_page_is_longer_than_six_phone_screens_at_first_sight(browser, app_url, lang):
    """Details fold under plain headings; the heights go to screenshots/phone-screens-{lang}.txt for the record."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    heights = {}
    for page in PAGES:
        tab = AppPage(context.new_page(), app_url).open(f"/{page.url_path}?lang={lang}")
        tab.wait_for_load_state("networkidle")
        tab.evaluate("document.fonts.ready.then(() => true)")
        # The height once it holds still: charts and lazily loaded widgets settle after the run ends.
        tab.wait_for_function(
            """() => { const height = document.querySelector('[data-testid=stMain]').scrollHeight;
                const steady = height === window.__lastHeight; window.__lastHeight = height; return steady; }""",
            polling=700,
            timeout=15_000,
        )
        height = tab.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        heights[page.url_path or "overview"] = round(height / 844, 1)
        tab.close()
    context.close()
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"phone-screens-{lang}.txt").write_text(
        "\n".join(f"/{name}: {screens} screens" for name, screens in heights.items()) + "\n", encoding="utf-8"
    )
    assert max(heights.values()) <= MOST_PHONE_SCREENS[lang], heights


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_text_fits_the_phone_screen(browser, app_url, page, lang):
    """Nothing wider than a 390 px phone: no sideways scrolling, no text cut off at the edge or by an ellipsis."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = AppPage(context.new_page(), app_url).open(f"/{page.url_path}?lang={lang}")
    # Widths are final only once lazily loaded widget code and the real fonts are in.
    tab.wait_for_load_state("networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    too_wide = tab.evaluate(
        """() => {
            const edge = window.innerWidth + 1;
            // Clipped by an ancestor that itself stays on screen: nothing of it shows past the edge.
            const clipped = e => {
                for (let a = e.parentElement; a; a = a.parentElement) {
                    const clips = getComputedStyle(a).overflowX !== 'visible';
                    if (clips && a.getBoundingClientRect().right <= edge) return true;
                }
                return false;
            };
            return [...document.querySelectorAll('[data-testid=stMain] *')]
                .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > edge && !clipped(e))
                .map(e => e.tagName + '.' + (e.getAttribute('data-testid') || e.className));
        }"""
    )
    cut_short = tab.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stMain] *')]
            .filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
            .map(e => e.innerText)"""
    )
    context.close()
    assert too_wide == []
    assert cut_short == [], "text shortened with an ellipsis on a phone"


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_every_chart_describes_itself_with_its_numbers(app: AppPage):
    tab = app.open("/outcomes")
    expect(tab.get_by_test_id("stVegaLiteChart").locator("svg")).to_have_count(5)
    labels = tab.get_by_test_id("stVegaLiteChart").evaluate_all(
        "charts => charts.map(chart => chart.getAttribute('aria-label'))"
    )
    assert all(label and re.search(r"\d", label) for label in labels), labels
    assert any("50% to 70%" in label for label in labels)
    assert any("85 filled dots" in label and "15 rings" in label for label in labels)
    harms = views.by_how_often(data.load_risks(DATA).frame.to_dict("records"))  # device taken out: one harm
    tab = app.open("/risks")
    charts = tab.get_by_test_id("stVegaLiteChart")
    expect(charts.locator("svg")).to_have_count(sum(harm["rate_high"] >= 1 for harm in harms))
    risk_labels = charts.evaluate_all("charts => charts.map(chart => chart.getAttribute('aria-label'))")
    assert any("About 2 to 3 out of 100 devices put in" in label for label in risk_labels)


@pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)
def test_pain_control_works_by_keyboard_alone(app: AppPage):
    tab = app.open("/outcomes")
    thumb = tab.locator(SLIDER).first
    thumb.focus()
    main = tab.get_by_test_id("stMain")
    for score in (7, 6, 5):
        tab.keyboard.press("ArrowLeft")
        expect(main.get_by_text(f"If your pain today is {score} out of 10")).to_be_visible()
    expect(main.get_by_text("would leave it at about 2 to 3 out of 10")).to_be_visible()  # whole numbers (issue 32)
    app.wait_for_run()
    labels = tab.get_by_test_id("stVegaLiteChart").evaluate_all("c => c.map(e => e.getAttribute('aria-label'))")
    assert any("Today: 5 out of 10" in label for label in labels), labels


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_navigation_and_language_work_by_keyboard_alone(app: AppPage):
    tab = app.open("/")
    for _ in range(40):
        tab.keyboard.press("Tab")
        focused = tab.evaluate("[document.activeElement.tagName, document.activeElement.innerText || '']")
        if focused[0] == "A" and focused[1].strip().endswith("Risks"):
            break
    else:
        pytest.fail("Tab never reached the Risks link in the navigation")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r".*/risks(\?.*)?$"))
    app.wait_for_run()
    expect(tab.locator("h1").first).to_have_text("Risks and problems")


def patient_text(tab) -> list[str]:
    """The words a patient reads in the main area: every text block, one sentence per line at least."""
    blocks = tab.locator("[data-testid='stMain'] [data-testid='stMarkdownContainer']").all_inner_texts()
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def without_citations(lines: list[str]) -> str:
    citations = set(data.load_sources(DATA).frame["citation"])
    kept = []
    for line in lines:
        for citation in citations:
            line = line.replace(citation, "")
        line = re.sub(r"^Source:\s*$", "", line).strip()
        # Prose only: a heading or label of a few words would count as a sentence and flatter the grade.
        if len(line.split()) >= 5:
            kept.append(line if line[-1] in ".!?:" else line + ".")
    return "\n".join(kept)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_reading_level_is_grade_8_or_lower(app: AppPage, page):
    text = without_citations(patient_text(app.open(f"/{page.url_path}")))
    textstat.set_lang("en")
    grade = textstat.flesch_kincaid_grade(text)
    print(f"reading grade /{page.url_path}: {grade}")
    assert len(text.split()) > 40
    assert grade <= readability.HIGHEST_FLESCH_KINCAID_GRADE, f"Flesch-Kincaid grade {grade} on /{page.url_path}"


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_spanish_page_is_accessible_and_easy_to_read(app: AppPage, page, viewport):
    tab = app.open(f"/{page.url_path}?lang=es")
    expect(tab.locator("h1").first).to_have_text(
        text.t("es", f"{(page.url_path or 'overview').replace('-', '_')}.title")
    )
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    app.screenshot(f"{viewport}-{page.url_path or 'overview'}-es")
    if viewport == "desktop":
        textstat.set_lang("es")
        score = textstat.fernandez_huerta(without_citations(patient_text(tab)))
        print(f"Fernandez-Huerta /{page.url_path}?lang=es: {score}")
        assert score >= readability.LOWEST_FERNANDEZ_HUERTA, f"Fernandez-Huerta {score} on /{page.url_path}?lang=es"
    assert app.problems == []


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_language_survives_deep_links_and_navigation(app: AppPage, browser, app_url):
    tab = app.open("/risks?lang=es")
    expect(tab.locator("h1").first).to_have_text("Riesgos y problemas")
    app.rerun_after(lambda: tab.get_by_role("link", name="Resultados").first.click())
    tab.wait_for_url("**/outcomes?lang=es")
    expect(tab.locator("h1").first).to_have_text("Qué resultados tuvieron las personas")
    # Use the settings row only once it belongs to this run (a stale radio can swallow a click).
    expect(tab.locator(".st-key-settings_row [data-stale='true']")).to_have_count(0)
    app.wait_for_run()
    app.rerun_after(lambda: tab.get_by_text("English", exact=True).click())
    expect(tab.get_by_role("radio", name="English")).to_be_checked()
    tab.wait_for_url("**/outcomes?lang=en")
    expect(tab.locator("h1").first).to_have_text("What results people had")
    context = browser.new_context(locale="es-MX")
    spanish_reader = AppPage(context.new_page(), app_url).open("/procedure")
    expect(spanish_reader.locator("h1").first).to_have_text("Qué pasa, paso a paso")
    context.close()


@pytest.mark.parametrize("page", PAGES[1:], ids=PAGE_IDS[1:])
def test_a_deep_link_is_the_first_visit_to_a_fresh_server(browser, page):
    """Streamlit's legacy pages/ discovery answers the first request after a start; the router must win."""
    with running_app() as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        app = AppPage(context.new_page(), url)
        tab = app.open(f"/{page.url_path}?lang=es")
        expect(tab.locator("h1").first).to_have_text(text.t("es", f"{page.url_path.replace('-', '_')}.title"))
        expect(tab.get_by_test_id("stTopNav").get_by_role("link", name="Fuentes")).to_be_attached()
        expect(tab.get_by_role("dialog")).to_have_count(0)  # no "Page not found" on the way
        assert tab.url.startswith(f"{url}/{page.url_path}?")
        assert app.problems == []
        context.close()


def test_broken_data_shows_a_box_and_the_rest_keeps_working(browser, data_copy):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,700,")
    with running_app({"EXPLAINER_DATA_DIR": str(data_copy)}) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        app = AppPage(context.new_page(), url)
        tab = app.open("/outcomes")
        box = tab.get_by_test_id("stAlertContentError")
        expect(box).to_contain_text("outcomes.csv, row 2, column value_high")
        expect(box).to_contain_text("700 is outside the allowed range of 0 to 100")
        assert tab.get_by_test_id("stException").count() == 0
        assert "Traceback" not in tab.locator("body").inner_text()
        tab = app.open("/procedure")
        assert tab.get_by_test_id("stAlertContentError").count() == 0
        expect(tab.get_by_text("Step 1: Check if it fits you")).to_be_visible()
        context.close()
