"""Rules with reasons: every instruction of the procedure and of the trial week says why, in a few words, beside
it, wherever a patient reads it (the Procedure page, the guide, the handout, the diary), with the reason's source."""

import pytest

from explainer import data, text
from explainer.outputs import export
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text
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
