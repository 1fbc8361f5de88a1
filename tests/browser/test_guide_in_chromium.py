"""The patient guide as a patient meets it: no script, a phone, a keyboard, a screen reader, a printer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from bench.serve import serving_folder
from explainer import data
from explainer.outputs import export, guide
from explainer.text import t
from tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from tests.browser.test_in_chromium import WCAG_TAGS
from tests.conftest import DATA

pytestmark = pytest.mark.browser
GUIDE_PAGES = [f"{lang}/{file}" for lang in data.LANGUAGES for file, _ in guide.TOPICS]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("guide") / "site"
    export.write_site(DATA, folder, app_url="http://127.0.0.1:9/")
    return folder


@pytest.fixture(scope="module")
def site_url(site) -> Iterator[str]:
    with serving_folder(site) as url:
        yield url


@pytest.mark.parametrize("viewport", list(VIEWPORTS), indirect=True)
def test_every_guide_page_passes_axe_and_fits_the_phone(browser, site_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])  # axe itself needs script; the pages do not
    page = context.new_page()
    for name in GUIDE_PAGES:
        page.goto(f"{site_url}/{name}")
        expect(page.locator("h1")).to_be_visible()
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, (name, results.generate_report())
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} is {overflow}px wider than the screen"
        page.screenshot(path=SCREENSHOTS / f"{viewport}-guide-{name.replace('/', '-')}.png", full_page=True)
    context.close()


def test_pain_control_works_by_keyboard_without_javascript(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / "en" / "results.html").as_uri())
    before = "If your pain today is 8 out of 10, a drop of 50% to 70% would leave it at about 2 to 4 out of 10."
    after = "If your pain today is 4 out of 10, a drop of 50% to 70% would leave it at about 1 to 2 out of 10."
    expect(page.get_by_text(before)).to_be_visible()
    expect(page.get_by_text(after)).to_be_hidden()
    control = page.get_by_role("group", name=re.compile("Your pain today"))
    eight = control.get_by_role("radio", name="8 out of 10")
    expect(eight).to_be_checked()
    eight.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    expect(control.get_by_role("radio", name="4 out of 10")).to_be_checked()
    expect(page.get_by_text(after)).to_be_visible()
    expect(page.get_by_text(before)).to_be_hidden()
    chart = page.locator(".pain-4 svg[role='img']")
    expect(chart).to_be_visible()
    assert "Today: 4 out of 10" in chart.get_attribute("aria-label")
    page.get_by_role("link", name=re.compile("^Next: Studies")).click()
    expect(page.locator("h1")).to_have_text("What careful studies found")
    page.get_by_role("link", name="Leer en español").click()
    expect(page.locator("h1")).to_have_text("Lo que hallaron los estudios bien hechos")
    site_root = site.as_uri()
    assert requests and all(url.startswith(site_root) for url in requests), requests
    context.close()


@pytest.mark.parametrize(("locale", "lang"), [("es-MX", "es"), ("en-US", "en"), ("fr-FR", "en")])
def test_the_folder_opens_in_the_browsers_language(browser, site_url, locale, lang):
    page = browser.new_context(locale=locale).new_page()
    page.goto(f"{site_url}/")
    page.wait_for_url(f"{site_url}/{lang}/index.html")
    other = "Read in English" if lang == "es" else "Leer en español"
    expect(page.get_by_role("link", name=other)).to_be_visible()  # the visible switch
    page.context.close()


def test_without_script_the_folder_offers_both_languages(browser, site):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="Español", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile("^Estimulación de la médula espinal"))
    page.context.close()


@pytest.mark.parametrize("name", ["en/results.html", "es/questions.html", "en/risks.html"])
def test_guide_prints_in_black_and_white_without_menus(browser, site, name):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto((site / name).as_uri())
    page.emulate_media(media="print")
    expect(page.locator("nav.topics")).to_be_hidden()
    expect(page.locator("nav.pager")).to_be_hidden()
    expect(page.locator("footer")).to_contain_text("Aspire Pain Relief Institute")
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 8, (name, paper, pages)
    page.screenshot(path=SCREENSHOTS / f"print-guide-{name.replace('/', '-')}.png", full_page=True)
    if name.endswith("questions.html"):
        assert page.locator("input[type='checkbox']").count() == page.locator("ul.questions li").count()
    page.context.close()


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_on_a_phone_the_topic_menu_is_one_sideways_row_and_the_first_page_starts_on_the_first_screen(
    browser, site_url, lang
):
    """The reviewer's fix 7 (CDC 2 and 10): the topic menu's three rows of buttons (about 220 px) pushed the first
    page's opening below the fold; on a phone it is one row that scrolls sideways, each topic reachable by the Tab
    key, and the page itself never scrolls sideways."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(f"{site_url}/{lang}/index.html")
    menu = page.locator("nav.topics")
    links = menu.get_by_role("link")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert abs(first["y"] - last["y"]) < 2, "the topic menu wraps onto more than one row"
    assert menu.bounding_box()["height"] <= 64
    assert page.evaluate("document.documentElement.scrollWidth") == VIEWPORTS["phone"]["width"]
    decision = page.get_by_role("link", name=t(lang, "options.decision"))
    box = decision.bounding_box()
    assert box["y"] + box["height"] <= VIEWPORTS["phone"]["height"], f"the decision ends at {box['y'] + box['height']}"
    links.first.focus()
    for _ in range(links.count() - 1):
        page.keyboard.press("Tab")
    expect(links.last).to_be_focused()
    shown = links.last.bounding_box()
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= VIEWPORTS["phone"]["width"], shown
    context.close()
