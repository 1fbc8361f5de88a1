"""Issue 30 in consult mode: the wrap-up's code whole on the first screen, a copy control a finger finds,
the progress readable across a room, and a note that says what was downloaded in this session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from explainer.text import t
from tests.app_pages import app_pages
from tests.browser.conftest import SCREENSHOTS, SETTLED, AppPage, running_app

pytestmark = pytest.mark.browser

ADDRESS = "https://clinic.example.org/guide/en/index.html"
# Each wrap-up run builds the summary it offers (its grids drawn by vl-convert): on a loaded 2-core machine in the
# whole suite that run can take longer than Playwright's usual 5 s.
SLOW_RUN = 20_000


@pytest.fixture(scope="module")
def clinic_app() -> Iterator[str]:
    with running_app({"EXPLAINER_PUBLIC_URL": "https://clinic.example.org", "EXPLAINER_GUIDE_URL": "/guide"}) as url:
        yield url


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024x768", "1280x800"])
def test_the_code_and_its_address_are_whole_on_the_first_screen(browser, clinic_app, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    app = AppPage(context.new_page(), clinic_app)
    tab = app.open("/wrap-up?mode=consult&lang=en")
    tab.locator(".st-key-steps_bottom").wait_for()  # the run has drawn the page to its end
    tab.evaluate(SETTLED)
    code = tab.get_by_role("img", name=t("en", "wrap_up.qr_alt", address=ADDRESS))
    address = tab.locator("[data-testid=stCode]").filter(has_text=ADDRESS)
    for shown in (code, address):
        box = shown.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{box} is not whole on a {width}x{height} screen"
    topics = len(app_pages())  # the wrap-up is the last topic
    progress = tab.get_by_test_id("stProgress").get_by_text(t("en", "consult.progress", current=topics, total=topics))
    assert float(progress.evaluate("text => parseFloat(getComputedStyle(text).fontSize)")) >= 22
    # The copy control: in view without a hover (a touch screen has none), with a word, big enough for a finger.
    copy = tab.locator(".st-key-record_note [data-testid=stCode] button")
    copy.scroll_into_view_if_needed()
    # retried: a rerun right after the first one may redraw the note a moment after the page looks settled
    expect(copy).to_have_css("visibility", "visible", timeout=SLOW_RUN)
    expect(copy.locator("xpath=ancestor::div[parent::*[@data-testid='stCode']][1]")).to_have_css("opacity", "1")
    assert copy.evaluate("button => getComputedStyle(button, '::after').content") == f'"{t("en", "wrap_up.note_copy")}"'
    assert copy.bounding_box()["height"] >= 44 and copy.bounding_box()["width"] >= 100
    expect(copy).to_have_attribute("aria-label", t("en", "app.copy"))
    tab.screenshot(path=SCREENSHOTS / f"consult-wrap-up-{width}x{height}.png")  # the first screen
    assert app.problems == []
    context.close()


def test_the_note_names_what_was_downloaded_in_this_session_and_nothing_else(browser, clinic_app):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    app = AppPage(context.new_page(), clinic_app)
    tab = app.open("/wrap-up?lang=en")
    note = tab.locator(".st-key-record_note code")
    expect(note).to_contain_text("Topics shown: none")
    expect(note).not_to_contain_text("Downloaded")
    expect(note).not_to_contain_text("offered")
    app.rerun_after(lambda: tab.get_by_role("link", name="For me").first.click())  # the same session
    tab.wait_for_url("**/for-me**")
    with tab.expect_download():
        tab.get_by_role("button", name=t("en", "for_me.handout_button")).click()
    app.rerun_after(lambda: tab.get_by_role("link", name="Wrap-up").first.click())
    tab.wait_for_url("**/wrap-up**")
    handout = t("en", "wrap_up.note_handout_name")
    expect(note).to_contain_text(t("en", "wrap_up.note_handout", pages=handout), timeout=SLOW_RUN)
    with tab.expect_download():
        app.rerun_after(lambda: tab.get_by_role("button", name=t("en", "wrap_up.summary_button")).click())
    both = f"{handout}; {t('en', 'wrap_up.note_summary_name')}"
    expect(note).to_contain_text(t("en", "wrap_up.note_handout", pages=both), timeout=SLOW_RUN)
    assert app.problems == []
    context.close()
