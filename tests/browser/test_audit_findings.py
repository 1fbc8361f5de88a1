"""What outside audit tools (Lighthouse, pa11y, the Nu checker) found in the app, checked on every page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.app_pages import app_pages
from tests.browser.conftest import SETTLED, VIEWPORTS, AppPage, running_app

pytestmark = pytest.mark.browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = app_pages()
PAGE_IDS = [page.url_path or "overview" for page in PAGES]
# Every shift a first visit makes, as Chromium reports them to the page (Lighthouse's CLS adds them up).
RECORD_LAYOUT_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
})).observe({type: 'layout-shift', buffered: true});
"""
STRUCTURE = """() => ({
    headings: [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4, h5, h6)')]
        .filter(heading => heading.offsetParent !== null).map(heading => Number(heading.tagName[1])),
    emptyForms: document.querySelectorAll('form:empty').length,
    emptyLinks: [...document.querySelectorAll('a[href=""]')].map(link => link.textContent),
    repeatedIds: [...document.querySelectorAll('[id]')].map(element => element.id)
        .filter((id, index, ids) => ids.indexOf(id) !== index),
})"""


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
@pytest.mark.parametrize("viewport", ["desktop", "phone"], indirect=True)
def test_headings_in_order_no_empty_form_or_link_and_axe_passes(app: AppPage, viewport, page, lang):
    tab = app.open(f"/{page.url_path}?lang={lang}")
    found = tab.evaluate(STRUCTURE)
    levels = found["headings"]
    assert levels[0] == 1 and all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert found["emptyForms"] == 0, "an empty form (Vega adds one per chart unless told not to)"
    assert found["emptyLinks"] == [] and found["repeatedIds"] == []
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()  # colour contrast among them
    assert app.problems == []


def test_a_first_visit_on_a_desktop_shifts_the_layout_less_than_lighthouses_budget(browser):
    with running_app() as url:
        for page in ("/", "/outcomes", "/risks", "/for-me"):
            context = browser.new_context(viewport=VIEWPORTS["desktop"])
            context.add_init_script(RECORD_LAYOUT_SHIFTS)
            tab = AppPage(context.new_page(), url).open(page)
            tab.evaluate(SETTLED)  # drawn, fonts in, painted: the shifts of a first visit have happened
            shift = tab.evaluate("window.layoutShifts.reduce((total, value) => total + value, 0)")
            assert shift <= 0.1, f"layout shift {shift:.3f} on {page}"
            context.close()


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_document_says_its_language_and_follows_the_switch(app: AppPage):
    tab = app.open("/risks?lang=es")
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    app.rerun_after(lambda: tab.get_by_text("English", exact=True).click())
    expect(tab.locator("h1").first).to_have_text("Risks and problems")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    assert app.problems == []
