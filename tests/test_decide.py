"""What matters to you (issue 28): the patient's order with /options' figures, a check built from the data, the note."""

import datetime
import re

import markupsafe
import pytest
import textstat

from explainer import decide, readability, text, wrapup
from explainer.outputs import export, guide
from tests.conftest import DATA, replace_in
from tests.pages.reading import open_page, page_text, shown
from tests.test_plain_words import without_source_lines


def option_cells(app) -> list[str]:
    """The figures and words of the option columns as a reader sees them, without the pages' own source numbers."""
    cells = [shown(block.value) for block in app.markdown if "[" in block.value or block.value.startswith("**")]
    cells = [cell for cell in cells if not cell.startswith("[")]  # the source list itself
    return [re.sub(r"(\s*\[\d+\])+$", "", cell) for cell in cells]


def cited(app) -> set[str]:
    """The citations in the numbered source list under the options."""
    listing = shown(app.expander[-1].markdown[0].value)
    return {re.sub(r"^\[\d+\] ", "", line.strip()) for line in listing.split("\n")}


def options_page(question: str, lang: str = "en"):
    app = open_page("pages/options.py", lang)
    app.radio(key="options_question").set_value(question).run()
    return app


def feature_labels(app) -> list[str]:
    return [expander.label for expander in app.expander][: len(decide.FEATURES)]


@pytest.mark.parametrize(
    "ratings",
    [
        {"what_can_go_wrong": "a_lot", "leg_pain": "some", "over_time": "not_at_all"},
        {"over_time": "a_lot", "if_it_fails": "a_lot", "back_pain": "a_little", "leg_pain": "not_at_all"},
    ],
)
def test_the_options_come_in_the_patients_order_with_the_same_figures_as_options(ratings):
    app = open_page("pages/decide.py")
    for feature, rating in ratings.items():
        app.radio(key=f"decide_matters_{feature}").set_value(rating).run()
    rank = {feature: decide.RATINGS.index(rating) for feature, rating in ratings.items()}
    expected = sorted(decide.FEATURES, key=lambda feature: -rank.get(feature, -1))
    assert feature_labels(app) == [text.t("en", f"decide.feature_{feature}") for feature in expected]
    cells, sources = option_cells(app), cited(app)
    for feature in expected:  # each feature shows the figures, words and sources /options shows for its question
        on_options = options_page(decide.FEATURES[feature])
        assert [cell for cell in option_cells(on_options) if cell in cells] == option_cells(on_options), feature
        assert cited(on_options) <= sources, feature
    words = page_text(app).lower()
    assert "recommend" not in words and "score:" not in words and "best option" not in words
    assert not app.get("progress") and not app.metric


def test_no_answer_keeps_the_usual_order_and_names_no_best_option():
    app = open_page("pages/decide.py", "es")
    assert feature_labels(app) == [text.t("es", f"decide.feature_{feature}") for feature in decide.FEATURES]
    assert "recomend" not in page_text(app).lower()


def check_by_key(folder, lang="en") -> dict[str, decide.CheckQuestion]:
    tables = export.summary_tables(folder)
    return {question.key: question for question in decide.understanding_check(tables, lang)}


def right_label(question: decide.CheckQuestion) -> str:
    return next(answer.label for answer in question.answers if answer.key == question.right)


def test_each_check_answer_matches_the_data_rows():
    check = check_by_key(DATA)
    assert len(check) == 6 and all(len(question.answers) == 3 for question in check.values())
    assert right_label(check["leg_with"]) == "about 48 out of 100"
    assert right_label(check["leg_without"]) == "about 9 out of 100"
    assert check["placebo"].right == "same"
    assert right_label(check["repeat"]) == "About 31 out of 100 people with a stimulator, within 24 months"
    assert "41 out of 100" in check["trial_fails"].feedback
    assert "52 out of 100" in check["cure"].feedback


def test_a_changed_figure_changes_the_question_and_its_feedback(data_copy):
    replace_in(data_copy / "trials.csv", "6 months,6 meses,48,9,", "6 months,6 meses,60,20,")
    replace_in(data_copy / "trials.csv", ",-10.6,-9.3,", ",-30.6,-9.3,")
    replace_in(data_copy / "risks.csv", "Another surgery to fix the device,Otra cirugía para arreglar el aparato,31,31",
               "Another surgery to fix the device,Otra cirugía para arreglar el aparato,25,25")  # fmt: skip
    check = check_by_key(data_copy)
    assert right_label(check["leg_with"]) == "about 60 out of 100"
    assert right_label(check["leg_without"]) == "about 20 out of 100"
    assert "With the stimulator, leg pain went down by at least half in about 60 out of 100 people" in (
        check["leg_with"].feedback
    )
    assert "With usual care alone, leg pain went down by at least half in about 20 out of 100 people" in (
        check["leg_without"].feedback
    )
    assert check["placebo"].right == "real_more" and "about 31 points" in check["placebo"].feedback
    assert "no real difference" not in check["placebo"].feedback
    assert right_label(check["repeat"]).startswith("About 25 out of 100")
    assert "about 25 out of 100" in check["repeat"].feedback
    assert "40 out of 100" in check["cure"].feedback
    spanish = check_by_key(data_copy, "es")
    assert right_label(spanish["leg_with"]) == "alrededor de 60 de cada 100"
    assert "unos 31 puntos" in spanish["placebo"].feedback and "diferencia real" not in spanish["placebo"].feedback


def test_each_answer_gets_feedback_and_a_link_to_where_it_is_explained():
    app = open_page("pages/decide.py")
    app.radio(key="decide_step").set_value("check").run()
    assert not app.info
    app.radio(key="decide_check_leg_with").set_value("without").run()
    app.radio(key="decide_check_placebo").set_value("same").run()
    feedback = [shown(box.value) for box in app.info]
    assert feedback[0].startswith("Not quite. With the stimulator, leg pain went down by at least half")
    assert "about 48 out of 100" in feedback[0]
    assert feedback[1].startswith("That fits the numbers. In the placebo study, the disability score")
    assert "no real difference" in feedback[1]
    read_more = [link.proto.page for link in app.get("page_link") if link.proto.label == "Read more about it"]
    assert read_more == ["evidence", "evidence"]


def test_a_no_shows_what_could_help_next():
    app = open_page("pages/decide.py")
    app.radio(key="decide_step").set_value("stand").run()
    # the four questions open in plain words; the test they come from is named under them, in the source's words
    assert "They are based on a short test that doctors use." in page_text(app)
    assert [caption for caption in app.caption if caption.value.startswith("Where these questions come from: Légaré F")]
    app.radio(key="decide_ready_sure").set_value("yes").run()
    assert not app.info
    app.radio(key="decide_ready_support").set_value("no").run()
    assert "Talk it over with family or a friend" in app.info[0].value
    assert "second visit" not in app.info[0].value


def wrap_up_note(app) -> str:
    app.switch_page("pages/wrap-up.py").run()
    return app.code[-1].value


def test_the_note_holds_nothing_of_the_decide_page_when_nothing_was_answered():
    app = open_page("pages/decide.py")
    note = wrap_up_note(app)
    for key in ("note_matters_most", "note_check_heading", "note_readiness", "note_leaning", "note_goals"):
        assert text.t("en", f"decide.{key}") not in note


def test_the_note_holds_exactly_what_was_answered():
    app = open_page("pages/decide.py")
    app.radio(key="decide_matters_leg_pain").set_value("a_lot").run()
    app.radio(key="decide_matters_over_time").set_value("a_little").run()
    app.radio(key="decide_step").set_value("check").run()
    app.radio(key="decide_check_leg_with").set_value("with").run()
    app.radio(key="decide_check_cure").set_value("cure").run()
    app.radio(key="decide_step").set_value("stand").run()
    app.radio(key="decide_ready_know").set_value("no").run()
    app.radio(key="decide_leaning").set_value("not_sure").run()
    app.radio(key="decide_step").set_value("goals").run()
    app.text_input(key="decide_goal_0").input("Walk 20 minutes").run()
    lines = wrap_up_note(app).splitlines()
    after_questions = lines[lines.index(next(line for line in lines if line.startswith("- Questions"))) + 1 :]
    added = [line for line in after_questions if line.startswith("- ")]
    assert added == [
        "- Matters most to the patient: That my leg pain could be cut in half",
        "- Check of understanding: 1 of 2 answers fit the figures (6 questions). To go over: "
        + text.t("en", "decide.topic_cure"),
        "- Ready to decide (adapted from SURE): Do I know the good and bad sides of each option? No",
        "- Leaning toward: Not sure yet",
        "- Trial-week goals: Walk 20 minutes",
    ]


def test_record_note_adds_the_decision_lines_after_the_questions():
    session = wrapup.Session("en", (), {}, None, (), (), decision=("Leaning toward: Try SCS",))
    note = wrapup.record_note(session, export.summary_tables(DATA), datetime.date(2026, 12, 1))
    assert "- Leaning toward: Try SCS" in note.splitlines()


def test_the_diary_prints_the_goals_only_when_there_are_some():
    with_goals = export.diary_html(DATA, "es", None, ["Caminar 20 minutos", "<b>cenar</b>"])
    assert "Mis metas para la semana de prueba" in with_goals and "Caminar 20 minutos" in with_goals
    assert "&lt;b&gt;cenar&lt;/b&gt;" in with_goals  # typed text is escaped
    assert "Mis metas" not in export.diary_html(DATA, "es")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_handout_and_the_guide_have_the_paper_version_with_the_same_figures(lang):
    handout = export.handout_html(DATA, lang)
    questions = guide.guide_pages(DATA)[f"{lang}/questions.html"]
    check = check_by_key(DATA, lang)
    for page in (handout, questions):
        paper = page[page.index(text.t(lang, "decide.paper_heading")) :]
        assert paper.count("&#9744;") == 6 * 4 + 6 * 3 + 4 * 2 + 4
        for question in check.values():
            assert str(markupsafe.escape(right_label(question))) in paper
            assert str(markupsafe.escape(question.feedback)) in paper
        assert "<script" not in paper and "<input" not in paper


def step_texts(lang: str) -> dict[str, str]:
    """The words of the check, the readiness and the goals steps with all their feedback showing (every check answer
    missed, every readiness answer "no"), questions and choices included, source lines taken out."""
    app = open_page("pages/decide.py", lang)

    def words_shown() -> str:
        choices = [f"{radio.label}\n" + "\n".join(radio.options) for radio in app.radio if radio.key != "lang"]
        return without_source_lines("\n".join([page_text(app), *choices]))

    app.radio(key="decide_step").set_value("check").run()
    for question in decide.understanding_check(export.summary_tables(DATA), lang):
        missed = next(answer.key for answer in question.answers if answer.key != question.right)
        app.radio(key=f"decide_check_{question.key}").set_value(missed).run()
    texts = {"check": words_shown()}
    app.radio(key="decide_step").set_value("stand").run()
    for item in decide.READINESS:
        app.radio(key=f"decide_ready_{item}").set_value("no").run()
    texts["stand"] = words_shown()
    app.radio(key="decide_step").set_value("goals").run()
    texts["goals"] = words_shown()
    return texts


def test_every_step_reads_as_easily_as_every_page():
    """The reading-level tests open /decide on its first step; the other three steps are held to the same marks."""
    textstat.set_lang("en")
    for step, words in step_texts("en").items():
        assert len(words.split()) > 100, step
        grade = textstat.flesch_kincaid_grade(words)
        assert grade <= readability.HIGHEST_FLESCH_KINCAID_GRADE, f"Flesch-Kincaid grade {grade} on the {step} step"
    textstat.set_lang("es")
    for step, words in step_texts("es").items():
        score = textstat.fernandez_huerta(words)
        assert score >= readability.LOWEST_FERNANDEZ_HUERTA, f"Fernández-Huerta {score} on the Spanish {step} step"
