"""Issue 29 through make serve: the icon font cut to the app's icons, and each topic's first screen."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit
from axe_playwright_python.sync_playwright import Axe
from fontTools.ttLib import TTFont
from playwright.sync_api import expect

from bench.serve import Clinic, running_clinic
from deploy.icon_font import ligatures
from explainer import personal, topics, views
from explainer.data import DEFAULT_DATA_DIR, load_outcomes, load_sources
from explainer.text import t
from tests.browser.conftest import SETTLED, VIEWPORTS, AppPage
from tests.browser.test_audit_findings import WCAG_TAGS
from tests.browser.test_proxy import get, wait_for
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Iterator[Clinic]:
    """`make serve` with one worker, as the phone measures run it."""
    with running_clinic(1, tmp_path_factory.mktemp("serve")) as clinic:
        yield clinic


def icons_the_code_names() -> set[str]:
    """Every `:material/NAME:` in the app's code, its topic table and its words."""
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "page_parts").glob("*.py")]
    files += [*(ROOT / "explainer").rglob("*.py"), *(ROOT / "explainer" / "content").glob("*.toml")]
    return {name for path in files for name in re.findall(r":material/([a-z0-9_]+):", path.read_text("utf-8"))}


def test_the_served_icon_font_holds_every_icon_the_app_shows_and_little_else(clinic, tmp_path):
    page = get(f"{clinic.url}/", {"Accept-Encoding": "identity"})[2]
    stylesheet = re.search(rb'href="\./(static/css/[^"]+\.css)"', page).group(1).decode()
    styles = get(f"{clinic.url}/{stylesheet}")[2].decode()
    font = "static/" + re.search(r"media/MaterialSymbols-Rounded[^)]+\.woff2", styles)[0]
    status, _, served = get(f"{clinic.url}/{font}")
    (tmp_path / "icons.woff2").write_bytes(served)
    icons = ligatures(TTFont(tmp_path / "icons.woff2"))
    named = icons_the_code_names()
    # Streamlit's own: the phone's menu arrows, the expanders' and the select box's arrows, the help icon.
    shown_by_streamlit = {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "keyboard_arrow_down",
                          "keyboard_arrow_right", "help", "close"}  # fmt: skip
    assert status == 200 and len(named) > 20
    assert named | shown_by_streamlit <= icons.keys(), sorted((named | shown_by_streamlit) - icons.keys())
    original = (Path(streamlit.__file__).parent / "static" / font).stat().st_size
    assert len(served) < original / 20, (len(served), original)  # 375 KB before the cut


TOPICS = topics.in_app()
TOPIC_IDS = [topic.address or "overview" for topic in TOPICS]
FIRST_SCREEN = "#first-screen"
# Every shift of the load, as Chromium reports them to the page (Lighthouse's CLS adds them up).
RECORD_LAYOUT_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => {
    if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
})).observe({type: 'layout-shift', buffered: true});
"""


def title_of(topic, lang: str) -> str:
    return t(lang, f"{topic.name}.title")


@pytest.fixture
def no_script(browser) -> Iterator:
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("topic", TOPICS, ids=TOPIC_IDS)
def test_with_scripts_blocked_each_topic_shows_its_title_figures_and_sources(clinic, no_script, topic, lang):
    response = no_script.goto(f"{clinic.url}/{topic.address}?lang={lang}")
    assert response.status == 200
    expect(no_script.locator("html")).to_have_attribute("lang", lang)
    screen = no_script.locator(FIRST_SCREEN)
    expect(screen.get_by_role("heading", level=1)).to_have_text(title_of(topic, lang))
    if topic is topics.SOURCES:  # the list of sources itself: each with its year and what it is used for
        sources = load_sources(DEFAULT_DATA_DIR).frame
        expect(screen.locator("main .card")).to_have_count(len(sources))
    else:
        words = screen.locator("main").inner_text()
        assert re.search(r"\d+ ?%|\d+ (out of|de cada) 100", words), "no figure on the first screen"
        assert screen.locator("main a.mark").count() > 0, "no figure names its source"
        expect(screen.get_by_role("heading", name=t(lang, "guide.sources_here"), level=2)).to_be_visible()
        listed = screen.locator("main section ol li")
        assert listed.count() > 0 and all(listed.nth(index).inner_text().strip() for index in range(listed.count()))
    assert no_script.get_by_role("heading", name=title_of(topic, lang), level=1).count() == 1  # the app is hidden


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pain_control_answers_without_script(clinic, no_script, lang):
    no_script.goto(f"{clinic.url}/outcomes?lang={lang}")
    figure = next(row for row in load_outcomes(DEFAULT_DATA_DIR).frame.to_dict("records")
                  if row["measure"] == "pain_reduction")  # fmt: skip
    shown = no_script.locator(f"{FIRST_SCREEN} .pain-result:visible")
    expect(shown).to_contain_text(views.pain_today_sentence(8, figure, lang))  # the app's starting point
    no_script.locator(f"{FIRST_SCREEN} #pain-8").focus()
    no_script.keyboard.press("ArrowLeft")
    expect(shown).to_contain_text(views.pain_today_sentence(7, figure, lang))
    no_script.locator(f"{FIRST_SCREEN} label[for=pain-3]").click()
    expect(shown).to_contain_text(views.pain_today_sentence(3, figure, lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_for_mes_first_screen_lists_the_topics_and_the_questions_everyone_should_ask(clinic, no_script, lang):
    no_script.goto(f"{clinic.url}/for-me?lang={lang}")
    screen = no_script.locator(f"{FIRST_SCREEN} main")
    expect(screen.get_by_role("heading", name=t(lang, "for_me.topics_heading"), level=2)).to_be_visible()
    expect(screen.get_by_role("heading", name=t(lang, "for_me.questions_heading"), level=2)).to_be_visible()
    for key in personal.ALWAYS_ASKED:  # what the app suggests before a patient has chosen anything
        expect(screen.get_by_role("listitem").filter(has_text=t(lang, f"questions.{key}"))).to_have_count(1)
    screen.get_by_role("link", name=t(lang, f"app.{topics.OUTCOMES.app_title}"), exact=True).click()
    expect(no_script).to_have_url(re.compile(f"/guide/{lang}/{topics.OUTCOMES.guide_file}$"))
    expect(no_script.get_by_role("heading", level=1)).to_have_text(t(lang, "outcomes.title"))


def held_until_released(page) -> list:
    """Hold Streamlit's host-config request, so the page stays on its first screen until released."""
    held: list = []
    page.route("**/_stcore/host-config", lambda route: held.append(route))  # a list's method is no function to it
    return held


def wait_until_held(page, held: list, seconds: float = 30) -> None:
    """Wait for the app's scripts to ask for the host config (Playwright hands the route over while it waits)."""
    deadline = time.monotonic() + seconds
    while not held:
        assert time.monotonic() < deadline, f"the app's scripts did not ask for the host config within {seconds} s"
        page.wait_for_timeout(100)


def accessible_titles(page, title: str) -> int:
    """How often the accessibility tree holds the topic's title as a level-1 heading."""
    return page.locator("body").aria_snapshot().count(f'heading "{title}" [level=1]')


def on_its_first_screen(browser, clinic: Clinic, address: str) -> tuple:
    """A phone opening the address, its layout shifts recorded, held on the first screen until released."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(RECORD_LAYOUT_SHIFTS)
    app = AppPage(context.new_page(), clinic.url)
    held = held_until_released(app.page)
    app.page.goto(f"{clinic.url}/{address}")
    wait_until_held(app.page, held)
    return context, app, held


def settled_layout_shift(page) -> float:
    """Every layout shift of the load added up, as Lighthouse's CLS does, once the page has laid out and painted."""
    page.evaluate(SETTLED)
    return page.evaluate("window.layoutShifts.reduce((total, value) => total + value, 0)")


@pytest.mark.parametrize(("topic", "lang"), [(topic, ("en", "es")[index % 2]) for index, topic in enumerate(TOPICS)],
                         ids=TOPIC_IDS)  # fmt: skip
def test_the_first_screen_gives_way_to_the_app_once_and_nothing_is_there_twice(browser, clinic, topic, lang):
    context, app, held = on_its_first_screen(browser, clinic, f"{topic.address}?lang={lang}")
    app.page.wait_for_function("() => document.querySelector('[data-testid=stApp]')", timeout=30_000)
    screen = app.page.locator(FIRST_SCREEN)
    expect(screen.get_by_role("heading", level=1)).to_have_text(title_of(topic, lang))
    assert accessible_titles(app.page, title_of(topic, lang)) == 1  # the loading app is inert and hidden
    before = Axe().run(app.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert before.violations_count == 0, before.generate_report()
    for request in held:
        request.continue_()
    app.wait_for_run()  # within its usual time, the first screen gone
    expect(screen).to_have_count(0)
    assert app.page.locator("#root").get_attribute("inert") is None
    expect(app.page.get_by_test_id("stMain").get_by_role("heading", level=1).first).to_have_text(title_of(topic, lang))
    assert accessible_titles(app.page, title_of(topic, lang)) == 1
    after = Axe().run(app.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert after.violations_count == 0, after.generate_report()
    shift = settled_layout_shift(app.page)
    assert shift <= 0.1, f"layout shift {shift:.3f}"
    assert app.problems == []
    context.close()


# The page's script has run to its end and its last element, the hand-over, has started waiting.
SCRIPT_DONE_AND_HAND_OVER_ASKED = (
    "() => window.__scsHandOver"
    " && document.querySelector('[data-testid=stApp]').dataset.testScriptState === 'notRunning'"
)


def test_on_a_slow_phone_the_first_screen_waits_for_the_widgets_to_be_drawn(browser, clinic):
    """Streamlit draws a grey skeleton while a widget's code loads: on a busy phone the What matters page's
    radios came 84 px taller after the hand-over (CI saw a layout shift of 0.137). Their code held back
    here for a second, the first screen stays until they are drawn, and nothing moves after it goes."""
    context, app, held = on_its_first_screen(browser, clinic, f"{topics.DECIDE.address}?lang=en")
    radio_code: list = []
    app.page.route("**/static/js/Radio.*.js", lambda route: radio_code.append(route))
    for request in held:
        request.continue_()
    app.page.wait_for_function(SCRIPT_DONE_AND_HAND_OVER_ASKED, timeout=30_000)
    app.page.wait_for_timeout(1_000)  # many times the hand-over's wait for a page that has stopped moving
    expect(app.page.get_by_test_id("stSkeleton").first).to_be_attached()
    expect(app.page.locator(FIRST_SCREEN)).to_have_count(1)
    assert radio_code, "the radios' code was not asked for"
    for request in radio_code:
        request.continue_()
    app.wait_for_run()
    expect(app.page.locator(FIRST_SCREEN)).to_have_count(0)
    expect(app.page.get_by_role("radiogroup").first).to_be_visible()
    shift = settled_layout_shift(app.page)
    assert shift <= 0.1, f"layout shift {shift:.3f}"
    context.close()


# Each Largest Contentful Paint candidate of the load, noted while its element is still on the page.
RECORD_LARGEST_PAINTS = """
window.largestPaints = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => window.largestPaints.push({
    size: entry.size, onFirstScreen: Boolean(entry.element && entry.element.closest('#first-screen')),
    tag: entry.element ? entry.element.tagName : null,
}))).observe({type: 'largest-contentful-paint', buffered: true});
"""
# Lighthouse's mobile view (its emulated Moto G Power), where the app's copy of the overview's title used to
# paint 1 px taller than the first screen's and became the LCP at the hand-over (about 9 s, not 1.7 s).
LIGHTHOUSE_PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}


@pytest.mark.parametrize("view", [LIGHTHOUSE_PHONE, {"viewport": VIEWPORTS["phone"]}], ids=["lighthouse", "phone"])
def test_the_largest_paint_of_the_overview_stays_on_the_first_screen(browser, clinic, view):
    context = browser.new_context(**view)
    context.add_init_script(RECORD_LARGEST_PAINTS)
    app = AppPage(context.new_page(), clinic.url)
    app.page.goto(f"{clinic.url}/")
    app.wait_for_run()
    expect(app.page.locator(FIRST_SCREEN)).to_have_count(0)  # the app has taken over
    app.page.evaluate(SETTLED)
    paints = app.page.evaluate("window.largestPaints")
    # Its title or its first paragraph (which is larger depends on the width): never the app's copy of either.
    assert paints and all(paint["onFirstScreen"] for paint in paints), paints
    context.close()


# A font the page is still loading (its file held by the test): until it arrives, the page's fonts are not ready.
A_FONT_STILL_LOADING = """
const face = new FontFace('Still loading', 'url(/held-font.woff2)');
document.fonts.add(face);
face.load().catch(() => {});
"""


def test_the_apps_scripts_wait_until_the_first_screens_type_is_ready(browser, clinic):
    # Its title paints once its font is decoded (a few hundred ms on a slow phone). Scripts asked for before
    # that put their downloads ahead of the title in Lighthouse's phone model: LCP 3.5 to 9 s, not 1.7 s.
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(A_FONT_STILL_LOADING)
    page = context.new_page()
    held, scripts = [], []
    page.route("**/held-font.woff2", lambda route: held.append(route))  # a list's method is no function to it
    page.on("request", lambda request: scripts.append(request.url) if "/static/js/" in request.url else None)
    page.goto(f"{clinic.url}/", wait_until="domcontentloaded")  # a loading font holds the load event too
    wait_until_held(page, held)
    expect(page.locator(FIRST_SCREEN).get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_timeout(1500)
    assert scripts == [], f"the app's scripts were asked for while a font was still loading: {scripts[:3]}"
    held[0].fulfill(status=404)
    app = AppPage(page, clinic.url)
    app.wait_for_run()
    expect(page.locator(FIRST_SCREEN)).to_have_count(0)
    assert scripts
    context.close()


def test_consult_mode_opens_without_a_first_screen(clinic):
    status, _, page = get(f"{clinic.url}/risks?mode=consult&lang=es")
    assert status == 200 and b'id="first-screen"' not in page and b'<html lang="es">' in page


def test_with_the_workers_stopped_the_first_screen_stays_and_its_links_open_the_guide(browser, tmp_path):
    with running_clinic(1, tmp_path / "serve", restart_delay=600) as stopped:
        for worker in stopped.state()["workers"]:
            os.kill(worker["pid"], signal.SIGKILL)
        wait_for(lambda: get(f"{stopped.url}/_stcore/health")[0] >= 500, 30, "the proxy to find no worker")
        context = browser.new_context(viewport=VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(f"{stopped.url}/outcomes?lang=es", timeout=60_000)
        screen = page.locator(FIRST_SCREEN)
        expect(screen.get_by_role("heading", level=1)).to_have_text(t("es", "outcomes.title"))
        page.wait_for_timeout(3000)  # Streamlit's page has tried to connect meanwhile
        expect(screen.get_by_role("heading", level=1)).to_be_visible()
        screen.get_by_role("link", name=t("es", "guide.app_quick_link")).click()
        page.wait_for_load_state()
        assert page.url.endswith("/guide/es/results.html")
        expect(page.get_by_role("heading", level=1)).to_have_text(t("es", "outcomes.title"))
        context.close()
