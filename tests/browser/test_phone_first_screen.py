"""Issue 30 on a 390 x 844 phone: the first screen, the way from one topic to the next, Streamlit's own controls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from explainer import topics
from explainer.text import STREAMLIT_LABELS, t
from tests.browser.conftest import SETTLED, VIEWPORTS, AppPage, running_app

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS["phone"]
TITLES = {topic.address: topic.app_title for topic in topics.in_app()}


@pytest.fixture(scope="module")
def served_like_a_clinic() -> Iterator[str]:
    """The app as make serve starts it: with the guide's "quick version" link in the row above the page."""
    with running_app({"EXPLAINER_GUIDE_URL": "/guide"}) as url:
        yield url


@pytest.fixture
def phone(browser, served_like_a_clinic) -> Iterator[AppPage]:
    context = browser.new_context(viewport=PHONE, locale="en-US")
    yield AppPage(context.new_page(), served_like_a_clinic)
    context.close()


def open_to_its_end(app: AppPage, path: str):
    """The page once its run has drawn everything: AppPage.open can return while the run still streams
    its last elements (the page's end, the script that names Streamlit's controls)."""
    tab = app.open(path)
    tab.locator(".st-key-consult_switch").wait_for()
    tab.get_by_test_id("stHtml").last.wait_for(state="attached")
    tab.evaluate(SETTLED)  # the page's own font is in: positions are final
    return tab


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("address", [topic.address for topic in topics.in_app()])
def test_the_title_and_the_decision_are_on_the_first_screen(phone: AppPage, address, lang):
    tab = open_to_its_end(phone, f"/{address}?lang={lang}")
    title = tab.get_by_test_id("stMain").locator("h1").first
    assert bottom(title) <= PHONE["height"], f"the title ends at {bottom(title)} px"
    row = tab.locator(".st-key-settings_row").bounding_box()
    assert row["height"] <= 140, f"the controls above the title take {row['height']} px"
    if address == "":
        decision = tab.get_by_text(t(lang, "options.decision"), exact=True)
        assert bottom(decision) <= PHONE["height"], f"the decision ends at {bottom(decision)} px"
        definition = tab.get_by_text(t(lang, "overview.intro"), exact=True)
        assert bottom(definition) < decision.bounding_box()["y"], "the definition is whole, above the decision"
    switch = tab.get_by_role("switch", name=t(lang, "app.consult_toggle"))
    assert switch.bounding_box()["y"] > PHONE["height"], "consult mode is out of a patient's first screen"
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    if address == "" or address == "wrap-up":
        phone.screenshot(f"phone-first-screen-{address or 'overview'}-{lang}")
    assert phone.problems == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_phone_menu_has_a_word_and_every_page_ends_with_the_next_topic(phone: AppPage, lang):
    tab = open_to_its_end(phone, f"/procedure?lang={lang}")
    menu = tab.get_by_test_id("stExpandSidebarButton")
    word = menu.evaluate("button => getComputedStyle(button, '::after').content")
    assert word == f'"{t(lang, "app.menu_word")}"'
    expect(menu).to_have_attribute("aria-label", t(lang, "app.menu_open"))
    order = [topic.address for topic in topics.in_app()]
    following = order[order.index("procedure") + 1]
    next_link = tab.get_by_role("link", name=t(lang, "app.next_topic", topic=t(lang, f"app.{TITLES[following]}")))
    expect(next_link).to_have_count(1)
    phone.rerun_after(next_link.click)
    tab.wait_for_url(f"**/{following}?lang={lang}")
    expect(tab.locator("h1").first).to_have_text(t(lang, f"{following.replace('-', '_')}.title"))
    assert phone.problems == []


LABELS = "[...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))"


def test_streamlit_controls_speak_spanish_and_the_menu_of_extras_is_gone(phone: AppPage):
    tab = open_to_its_end(phone, "/for-me?lang=en")
    expect(tab.get_by_test_id("stMainMenuButton")).to_have_count(0)  # Print, Record a screencast, Made with ...
    expect(tab.get_by_test_id("stExpandSidebarButton")).to_have_attribute("aria-label", t("en", "app.menu_open"))
    phone.rerun_after(lambda: tab.get_by_text("Español", exact=True).click())  # the switch, not a new visit
    expect(tab.get_by_test_id("stExpandSidebarButton")).to_have_attribute("aria-label", t("es", "app.menu_open"))
    labels = tab.evaluate(LABELS)
    english = [label for label in labels if label in STREAMLIT_LABELS or label.startswith("Help for")]
    assert english == [] and not [label for label in labels if label.endswith(" icon")], labels
    assert any(label.startswith(t("es", "app.help_for", label="")) for label in labels), labels
    assert phone.problems == []
