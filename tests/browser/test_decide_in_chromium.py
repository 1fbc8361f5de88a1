"""What matters to you (issue 28) in Debian's Chromium: by keyboard, axe, no sideways scroll, the prints, privacy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer import decide, text
from explainer.outputs import export
from tests.browser.conftest import VIEWPORTS, AppPage, assert_nothing_written_or_logged
from tests.browser.test_consult_and_handout import progress
from tests.browser.test_diagram_and_diary import printed_pages
from tests.browser.test_in_chromium import WCAG_TAGS
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.browser


def words(lang: str, key: str, **values) -> str:
    return text.t(lang, f"decide.{key}", **values)


def choose_by_keyboard(app: AppPage, group_name: str, steps: int) -> None:
    """Focus a radio group's first choice, take it with Space, then move on with the arrow key."""
    group = app.page.get_by_role("radiogroup", name=group_name)
    group.get_by_role("radio").first.focus()
    app.rerun_after(lambda: app.page.keyboard.press("Space"))
    for _ in range(steps):
        app.rerun_after(lambda: app.page.keyboard.press("ArrowRight"))


def next_step(app: AppPage, lang: str) -> None:
    """From the chosen step to the next one, with the arrow key."""
    app.page.get_by_role("radiogroup", name=words(lang, "step_label")).get_by_role("radio", checked=True).focus()
    app.rerun_after(lambda: app.page.keyboard.press("ArrowRight"))


def sideways(tab) -> int:
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def check_clean(app: AppPage, name: str) -> None:
    results = Axe().run(app.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert sideways(app.page) <= 0
    app.screenshot(name)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_new_control_works_by_keyboard_and_stays_accessible(app: AppPage, viewport, lang):
    tab = app.open(f"/decide?lang={lang}")
    leg = words(lang, "feature_leg_pain")
    choose_by_keyboard(app, leg, 3)  # Not at all -> A lot
    expect(tab.get_by_text(words(lang, "compare_rated", rating=words(lang, "rating_a_lot")))).to_be_visible()
    first = tab.get_by_test_id("stExpander").first
    expect(first).to_contain_text(leg)
    expect(first.get_by_text(re.compile(r"^(About|Alrededor de) 48 .*(usual care|atención habitual)"))).to_be_visible()
    check_clean(app, f"{viewport}-decide-matters-{lang}")

    next_step(app, lang)
    question = tab.get_by_role("radiogroup").filter(has_text=words(lang, "check_cure_cure"))
    question.get_by_role("radio").first.focus()
    app.rerun_after(lambda: tab.keyboard.press("Space"))
    expect(tab.get_by_text(words(lang, "check_not_quite"))).to_be_visible()
    expect(tab.get_by_role("link", name=words(lang, "check_read_more"))).to_be_visible()
    check_clean(app, f"{viewport}-decide-check-{lang}")

    next_step(app, lang)
    no = text.t(lang, "decide.answer_no")
    tab.get_by_role("radiogroup", name=words(lang, "ready_support")).get_by_role("radio", name=no).focus()
    app.rerun_after(lambda: tab.keyboard.press("Space"))
    expect(tab.get_by_text(words(lang, "help_support"))).to_be_visible()
    check_clean(app, f"{viewport}-decide-stand-{lang}")

    next_step(app, lang)
    goal = tab.get_by_role("textbox", name=words(lang, "goal_label", n=1))
    goal.focus()
    tab.keyboard.type("20 min")
    app.rerun_after(lambda: tab.keyboard.press("Enter"))
    with tab.expect_download() as download:
        tab.get_by_role("button", name=text.t(lang, "diary.button")).focus()
        tab.keyboard.press("Enter")
    diary = Path(download.value.path()).read_text(encoding="utf-8")
    assert words(lang, "diary_goals") in diary and "20 min" in diary
    check_clean(app, f"{viewport}-decide-goals-{lang}")
    assert [problem for problem in app.problems if "/media/" not in problem] == []


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_consult_topic_sits_before_the_wrap_up(app: AppPage):
    tab = app.open("/decide?mode=consult")
    assert progress(tab) == "Topic 9 of 10: What matters to you"
    app.screenshot("consult-decide-en")
    assert app.problems == []


GOALS = ["Walk 20 minutes to the shop and back", "Sit through a family meal", "Sleep through the night"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_diary_prints_the_goals_on_its_one_page(browser, tmp_path, lang):
    path = tmp_path / "diary.html"
    path.write_text(export.diary_html(DATA, lang, 8, GOALS), encoding="utf-8")
    page = browser.new_context(viewport=VIEWPORTS["phone"]).new_page()
    page.goto(path.as_uri())
    expect(page.get_by_role("heading", name=words(lang, "diary_goals"))).to_be_visible()
    assert sideways(page) <= 0
    assert printed_pages(page, "A4") == 1 and printed_pages(page, "Letter") == 1
    page.pdf(path=ROOT / "screenshots" / f"diary-goals-{lang}-a4.pdf", format="A4")
    page.context.close()


def every_answer(lang: str) -> list[str]:
    """A full set of answers: two features that matter a lot, two check answers to go over, every readiness
    question answered (two "no"), a leaning and three goals."""
    tables = export.summary_tables(DATA)
    questions = decide.understanding_check(tables, lang)
    picked = {question.key: question.right for question in questions}
    picked.update({"placebo": "real_more", "cure": "trial_cure"})
    check = decide.check_result(questions, picked, lang)
    ratings = {"leg_pain": "a_lot", "what_can_go_wrong": "a_lot", "over_time": "some"}
    readiness = {"sure": "no", "know": "yes", "values": "yes", "support": "no"}
    return decide.note_lines(ratings, check, readiness, "not_sure", GOALS, lang)


def every_answer_at_its_longest(lang: str) -> tuple[list[str], list[str]]:
    """The longest a summary can be (issue 28): every question ticked, every feature "a lot", every check
    answer missed, every readiness answer "no", the longest leaning and three goals of the longest length."""
    tables = export.summary_tables(DATA)
    questions = decide.understanding_check(tables, lang)
    missed = {question.key: next(a.key for a in question.answers if a.key != question.right) for question in questions}
    check = decide.check_result(questions, missed, lang)
    leaning = max(decide.LEANINGS, key=lambda lean: len(words(lang, f"lean_{lean}")))
    goals = [("Walk to the shop and back, then sit through a family meal " * 2)[: decide.GOAL_LENGTH]] * decide.GOALS
    lines = decide.note_lines(
        dict.fromkeys(decide.FEATURES, "a_lot"), check, dict.fromkeys(decide.READINESS, "no"), leaning, goals, lang
    )
    keys = [key.split(".", 1)[1] for key in text.strings(lang) if key.startswith("questions.")]
    return [text.t(lang, f"questions.{key}", pain="7") for key in keys], lines


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("answers", ["every answer", "every answer at its longest", "every question, no answer"])
def test_the_summary_with_every_answer_still_prints_on_one_page(browser, tmp_path, lang, answers):
    """At its longest the Spanish summary ran to 2 Letter pages (issue 28)."""
    path = tmp_path / "summary.html"
    questions = [text.t(lang, f"questions.{key}", pain="7") for key in ("q_trial_goal", "q_risks_for_me")]
    decision = every_answer(lang)
    if answers == "every answer at its longest":
        questions, decision = every_answer_at_its_longest(lang)
    if answers == "every question, no answer":  # the summary's compact type comes with many questions too
        questions, decision = every_answer_at_its_longest(lang)[0], []
    html = export.summary_html(DATA, lang, "https://clinic.example.org/guide/en/index.html", 7, questions,
                               decision=decision)  # fmt: skip
    path.write_text(html, encoding="utf-8")
    page = browser.new_context().new_page()
    page.goto(path.as_uri())
    if decision:
        expect(page.get_by_role("heading", name=words(lang, "summary_heading"))).to_be_visible()
    assert printed_pages(page, "A4") == 1 and printed_pages(page, "Letter") == 1
    page.pdf(path=ROOT / "screenshots" / f"summary-decide-{lang}-{answers.replace(' ', '-')}-a4.pdf", format="A4")
    page.context.close()


def test_nothing_answered_on_the_decide_page_is_written_or_logged(browser, tmp_path):
    def answer(app: AppPage) -> None:
        tab = app.open("/decide?mode=consult")  # Next leads to the wrap-up in the same session
        app.rerun_after(lambda: tab.get_by_role("radiogroup", name=words("en", "feature_leg_pain"))
                        .get_by_text("A lot").click())  # fmt: skip
        app.rerun_after(lambda: tab.get_by_text(words("en", "step_goals")).click())
        tab.get_by_role("textbox", name="Goal 1").fill("Walk 20 minutes")
        app.rerun_after(lambda: tab.keyboard.press("Enter"))
        tab.get_by_role("button", name="Next", exact=True).first.click()  # the wrap-up comes next
        tab.wait_for_url("**/wrap-up**")
        app.wait_for_run()
        expect(tab.locator("code").last).to_contain_text("- Trial-week goals: Walk 20 minutes")
        with tab.expect_download():
            tab.get_by_role("button", name="Download the one-page summary").click()

    assert_nothing_written_or_logged(browser, tmp_path, ("/decide", "/wrap-up", "/decide"), answer)
