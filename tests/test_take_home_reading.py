"""Issue 32: the take-home pages read at US grade 8 or easier, counted as a strict reviewer counts them.

Every list item, table cell, heading, caption and paragraph is a sentence of its own (a reviewer with PEMAT-P
and SMOG counts them so), the sources included: the whole page, as it prints (tests/reading_level.py).
"""

from __future__ import annotations

import pytest

from explainer.outputs import export
from tests.conftest import DATA
from tests.reading_level import as_sentences, fernandez_huerta, page_lines, smog


def take_home_pages(lang: str) -> dict[str, str]:
    """The handout as the app gives it (a pain score and a question ticked) and the summary of a consult."""
    question = {"en": "When can I drive again?", "es": "¿Cuándo puedo volver a manejar?"}[lang]
    return {
        "handout": export.handout_html(DATA, lang, pain_today=7, questions=[question]),
        "summary": export.summary_html(DATA, lang, "https://clinic.example.org/guide/", 7, [question]),
    }


@pytest.mark.parametrize("name", ["handout", "summary"])
def test_the_english_take_home_pages_read_at_smog_8_or_easier(name):
    grade = smog(page_lines(take_home_pages("en")[name]))
    assert grade <= 8, f"SMOG {grade} on the English {name}"


@pytest.mark.parametrize("name", ["handout", "summary"])
def test_the_spanish_take_home_pages_score_70_or_more_on_fernandez_huerta(name):
    score = fernandez_huerta(page_lines(take_home_pages("es")[name]))
    assert score >= 70, f"Fernández-Huerta {score} on the Spanish {name}"


def test_every_list_item_and_cell_counts_as_a_sentence():
    page = "<h2>Risks</h2><ul><li>Infection</li><li>A wire moves</li></ul><table><tr><td>About 2 out of 100</td></tr>"
    sentences = as_sentences(page_lines(page)).splitlines()
    assert sentences == ["Risks.", "Infection.", "A wire moves.", "About 2 out of 100."]
