"""Rules with reasons: every instruction of the procedure and of the trial week says why, in a few words, beside
it, wherever a patient reads it (the Procedure page, the guide, the handout, the diary), with the reason's source."""

import re

import pytest

from explainer import data, safety, text
from explainer.outputs import export
from tests.conftest import DATA, replace_in
from tests.pages.reading import open_page, page_text
from tests.test_data import messages
from tests.test_guide import visible_text

STEPS = data.load_procedure(DATA).frame.to_dict("records")
TIPS = data.load_trial_week(DATA).frame.to_dict("records")
CITATIONS = dict(zip(*(data.load_sources(DATA).frame[column] for column in ("source_id", "citation")), strict=True))


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_every_instruction_has_a_reason_and_a_source_for_it(lang):
    for row in STEPS + TIPS:
        assert len(row[f"why_{lang}"].split()) >= 4, row
        assert row["why_source_id"] in CITATIONS, row


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_procedure_page_gives_each_step_its_reason_under_what_you_do(lang):
    shown = page_text(open_page("pages/procedure.py", lang))
    why = text.t(lang, "procedure.why")
    for step in STEPS:
        assert f"{step[f'you_do_{lang}']}\n{why}: {step[f'why_{lang}']} [" in shown, step["step_id"]
        assert text.as_published(CITATIONS[step["why_source_id"]], lang) in shown


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guide_handout_and_diary_give_each_instruction_its_reason(lang):
    why = text.t(lang, "procedure.why")
    site = export.site_files(DATA)
    for page in (visible_text(site[f"{lang}/procedure.html"]), visible_text(export.handout_html(DATA, lang))):
        for step in STEPS:
            assert f"{step[f'you_do_{lang}']} {why}: {step[f'why_{lang}']} [" in page, step["step_id"]
    for page in (visible_text(site[f"{lang}/diary.html"]), visible_text(export.diary_html(DATA, lang))):
        for tip in TIPS:
            assert f"{tip[f'tip_{lang}']} [" in page and f"{why}: {tip[f'why_{lang}']} [" in page, tip["tip_id"]
            assert text.as_published(CITATIONS[tip["why_source_id"]], lang) in page


# What to watch for (issue 32): a thing to avoid says why where a leaflet or the device maker's manual gives a reason.
WATCH_FOR = data.load_watch_for(DATA).frame.to_dict("records")
REASONS = [row for row in WATCH_FOR if row["why_source_id"]]


def reason_after(row: dict, lang: str) -> re.Pattern:
    """The line, its leaflet's mark, then the reason and its source's mark, as a reader sees them; a reason that
    every line of a list shares comes once, after the list's last line."""
    (group,) = [
        group
        for group in safety.watch_for(WATCH_FOR, lang)
        if any(line.text == row[f"text_{lang}"] for line in group.lines)
    ]
    said_after = group.lines[-1].text if group.why else row[f"text_{lang}"]
    line = re.escape(said_after.rstrip(".")) + r"\.? \[\d+\]\s+"
    return re.compile(line + re.escape(f"{text.t(lang, 'procedure.why')}: {row[f'why_{lang}']}") + r" \[\d+\]")


def test_diathermy_and_driving_in_the_trial_week_each_have_a_reason_from_a_named_source():
    assert {row["watch_id"] for row in REASONS} >= {"diathermy", "driving-trial"}
    for row in REASONS:
        for lang in data.LANGUAGES:
            assert len(row[f"why_{lang}"].split()) >= 4, row
        assert row["why_source_id"] in CITATIONS, row


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_procedure_page_gives_each_thing_to_avoid_its_reason_beside_it(lang):
    shown = page_text(open_page("pages/procedure.py", lang))
    for row in REASONS:
        assert reason_after(row, lang).search(shown), row["watch_id"]
        assert text.as_published(CITATIONS[row["why_source_id"]], lang) in shown


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guide_handout_and_diary_give_each_thing_to_avoid_its_reason(lang):
    site = export.site_files(DATA)
    pages = {
        "guide procedure": visible_text(site[f"{lang}/procedure.html"]),
        "guide diary": visible_text(site[f"{lang}/diary.html"]),
        "handout": visible_text(export.handout_html(DATA, lang)),
        "diary": visible_text(export.diary_html(DATA, lang)),
    }
    shared = {group.why for group in safety.watch_for(WATCH_FOR, lang) if group.why}
    assert shared == {next(row[f"why_{lang}"] for row in WATCH_FOR if row["moment"] == "call_today")}
    for name, page in pages.items():
        for why in shared:
            assert page.count(f"{text.t(lang, 'procedure.why')}: {why}") == 1, (name, why)
        # the diaries are for the trial week: the lists for before it are past by then
        for row in (
            REASONS if "diary" not in name else [row for row in REASONS if row["moment"] in safety.DURING_THE_TRIAL]
        ):
            assert reason_after(row, lang).search(page), (name, row["watch_id"])
            assert text.as_published(CITATIONS[row["why_source_id"]], lang) in page, (name, row["watch_id"])


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_a_line_without_a_reason_shows_no_empty_why(lang):
    why = text.t(lang, "procedure.why")
    page = visible_text(export.handout_html(DATA, lang))
    for row in WATCH_FOR:
        if not row["why_source_id"]:
            assert not re.search(re.escape(row[f"text_{lang}"]) + rf" \[\d+\] {why}:", page), row["watch_id"]


def test_check_data_turns_away_a_reason_without_its_source_or_its_spanish(data_copy):
    rows = (data_copy / "watch_for.csv").read_text(encoding="utf-8").splitlines()
    row_of = {line.split(",")[0]: number for number, line in enumerate(rows, 1)}
    diathermy = next(row for row in REASONS if row["watch_id"] == "diathermy")
    replace_in(data_copy / "watch_for.csv", "abbott-controller-manual,beacon-trial-leaflet", ",beacon-trial-leaflet")
    replace_in(data_copy / "watch_for.csv", f",{diathermy['why_es']},", ",,")
    found = messages(data_copy)
    assert (
        f"watch_for.csv:{row_of['driving-trial']}:why_source_id: "
        + text.t("en", "problem.reason_incomplete", columns="why_en, why_es, why_source_id")
        in found
    )
    assert any(line.startswith(f"watch_for.csv:{row_of['diathermy']}:why_es: a reason needs all of") for line in found)
    assert len(found) == 2, found


def test_check_data_turns_away_a_reason_whose_source_is_not_listed(data_copy):
    replace_in(data_copy / "watch_for.csv", "abbott-controller-manual,beacon", "nobody-2020,beacon")
    assert any(
        line.startswith("watch_for.csv:")
        and ':why_source_id: the source id "nobody-2020" is not in sources.csv' in line
        for line in messages(data_copy)
    )
