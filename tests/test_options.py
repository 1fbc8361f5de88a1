"""Your options (issue 13): the grid's numbers come from trial and risk rows, compared fairly, in both languages."""

import re

import pandas as pd
import pytest

from explainer import data, readability, views
from explainer.outputs import export, guide
from tests.conftest import DATA, replace_in
from tests.pages.reading import open_page, page_text, shown
from tests.test_data import messages

QUESTIONS = data.OPTION_QUESTIONS


def every_question(lang: str) -> list[tuple[str, str]]:
    """(question, the page's text with that question chosen), the way a reader steps through them."""
    app = open_page("pages/options.py", lang)
    texts = []
    for question in QUESTIONS:
        app.radio(key="options_question").set_value(question).run()
        assert not app.exception
        texts.append((question, page_text(app)))
    return texts


def numbers_of_rows() -> set[str]:
    """Every number a trial row, a risk row or a source citation states, as the grid may show it."""
    trials = data.load_trials(DATA).frame
    risks = data.load_risks(DATA).frame
    stated = set()
    for frame in (trials, risks):
        for value in frame.select_dtypes("number").to_numpy().ravel():
            if value == value:  # not NaN
                stated.update({str(round(value)), f"{value:g}"})
    for column in ("note_en", "note_es", "time_span_en", "time_span_es", "outcome_en", "outcome_es", "study"):
        stated.update(re.findall(r"\d+", " ".join(str(value) for value in trials[column])))
    for column in ("time_span_en", "time_span_es", "name_en"):
        stated.update(re.findall(r"\d+", " ".join(str(value) for value in risks[column])))
    for text in data.load_sources(DATA).frame["citation"]:
        stated.update(re.findall(r"\d+", text))
    return stated


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_number_on_the_options_page_comes_from_a_row_with_a_source(lang):
    stated = numbers_of_rows() | {"0", "1", "2", "3", "4", "5", "6", "7", "8", "10", "100"}  # grid words, marks
    procedure = " ".join(data.load_procedure(DATA).frame[f"how_long_{lang}"])  # "4 to 6 weeks" of recovery
    stated |= set(re.findall(r"\d+", procedure))
    for question, text in every_question(lang):
        unexplained = set(re.findall(r"\d+", text)) - stated
        assert not unexplained, (question, unexplained)


def test_the_leg_pain_row_compares_within_each_trial_and_says_the_trials_differ():
    text = dict(every_question("en"))["relief_leg"]
    trial = "This is from the study against usual care, after 6 months."
    assert f"About 48 out of 100: leg pain went down by at least half. {trial}" in text
    assert f"About 9 out of 100: leg pain went down by at least half. {trial}" in text
    assert "47 out of 100" in text and "12 out of 100" in text
    assert "The two studies counted different things over different times." in text
    back = dict(every_question("en"))["relief_back"]
    assert "14 out of 100" in back and "5 out of 100" in back and "no checked number for back pain" in back


def test_a_cell_without_a_checked_figure_says_so_in_plain_words():
    texts = dict(every_question("en"))
    assert "We have no checked number for problems after a second surgery." in texts["harms"]
    assert "Device taken out (UK study): About 18 out of 100 people, within 5 years; about 25" in texts["undo"]
    spanish = dict(every_question("es"))
    assert "No tenemos un número revisado" in spanish["harms"]


def test_the_grid_reads_its_figures_from_the_trial_rows():
    trials = data.load_trials(DATA).frame.to_dict("records")
    risks = data.load_risks(DATA).frame.to_dict("records")
    options = data.load_options(DATA).frame.to_dict("records")
    grid = views.option_grid(options, trials, risks, "en")
    for cell in options:
        entries = grid[cell["question"]][cell["option"]]
        assert any(entry.words == cell["text_en"] for entry in entries)
        if cell["trial_id"] and cell["side"] != "note":
            row = next(trial for trial in trials if trial["trial_id"] == cell["trial_id"])
            figure = next(entry.figure for entry in entries if entry.words == cell["text_en"])
            value = row["value_with"] if cell["side"] == "with" else row["value_without"]
            assert figure.startswith(f"About {round(value)} out of 100:"), figure
            assert row["source_id"] in next(entry.source_ids for entry in entries if entry.figure == figure)


def test_the_decision_is_stated_at_the_top_of_overview_options_and_handout():
    decision = (
        "You and your doctor are choosing whether to try the stimulator, keep your current care, or have spine surgery"
    )
    for page in ("pages/overview.py", "pages/options.py"):
        app = open_page(page)
        assert decision in shown("\n".join(str(element.value) for element in app.main if hasattr(element, "value")))
    handout = export.handout_html(DATA, "en")
    assert decision in handout and handout.index(decision) < handout.index("<h2")


def test_the_handout_and_the_guide_hold_the_options_section():
    handout = export.handout_html(DATA, "es")
    assert "Sus opciones" in handout and "Otra operación de columna" in handout
    assert "48 de cada 100" in handout and "Los dos estudios contaron cosas distintas" in handout
    site = export.site_files(DATA)
    for lang, title in (("en", "Your options"), ("es", "Sus opciones")):
        page = site[f"{lang}/options.html"]
        assert f"<h1>{title}</h1>" in page and 'href="#source-' in page
        assert 'href="options.html"' in site[f"{lang}/index.html"]
    assert [file for file, _ in guide.TOPICS][1] == "options.html"


def test_a_broken_options_file_gives_the_error_box_and_check_data_lines(data_copy, monkeypatch):
    replace_in(data_copy / "options.csv", "PROCESS-6m,with", "PROCESS-99m,with")
    replace_in(data_copy / "options.csv", "any-complication", "no-such-risk")
    lines = messages(data_copy)
    assert any(line.startswith('options.csv:5:trial_id: "PROCESS-99m" is not a row of trials.csv') for line in lines)
    assert any(line.startswith('options.csv:12:risk_id: "no-such-risk" is not a row of risks.csv') for line in lines)
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    app = open_page("pages/options.py")
    assert not app.exception
    box = shown(app.error[0].value)
    assert "options.csv, row 5, column trial_id" in box and "The rest of the app still works" in box


def test_a_figure_that_names_no_row_is_reported_at_its_spreadsheet_row_after_a_blank_line(data_copy):
    text = (data_copy / "options.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    (data_copy / "options.csv").write_text(f"{header}\n\n{rest}".replace("PROCESS-6m,with", "PROCESS-99m,with", 1))
    assert any(line.startswith('options.csv:6:trial_id: "PROCESS-99m"') for line in messages(data_copy))


def test_an_unverified_trial_row_cannot_fill_a_cell(data_copy):
    trials = pd.read_csv(data_copy / "trials.csv", dtype=str, keep_default_na=False)
    trials.loc[trials["trial_id"] == "PROCESS-6m", "verified"] = "no"
    trials.to_csv(data_copy / "trials.csv", index=False)
    assert any(line.startswith("options.csv:5:trial_id:") for line in messages(data_copy))


def test_every_question_of_the_grid_reads_at_grade_8_or_easier():
    """The browser test reads the first question; this one reads all six, in both languages."""
    import textstat

    for lang, measure, passes in (
        ("en", "flesch_kincaid_grade", lambda score: score <= readability.HIGHEST_FLESCH_KINCAID_GRADE),
        ("es", "fernandez_huerta", lambda score: score >= readability.LOWEST_FERNANDEZ_HUERTA),
    ):
        lines = dict.fromkeys(
            line
            for _, text in every_question(lang)
            for line in text.splitlines()
            if len(line.split()) > 3 and not re.match(r"\[\d+\]", line)
        )
        textstat.set_lang(lang)
        score = getattr(textstat, measure)("\n".join(line if line[-1] in ".?!:" else f"{line}." for line in lines))
        assert passes(score), (lang, measure, score)
