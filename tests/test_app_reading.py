"""Every app page and every page of the patient guide reads at SMOG grade 8 or lower, counted as a reviewer does:
each heading, list item, table row and paragraph is a sentence of its own (issue 32)."""

import re

import pytest
import textstat

from explainer import data, views
from explainer.outputs import export
from explainer.outputs.guide import TOPICS
from tests.app_pages import app_pages
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text
from tests.reading_level import as_sentences, page_lines, smog
from tests.test_plain_words import without_source_lines

HIGHEST_SMOG = 8
DECIMAL = re.compile(r"\d[.,]\d")


def app_lines(page_file: str) -> list[str]:
    return without_source_lines(page_text(open_page(page_file, "en"))).splitlines()


def guide_lines(page: str) -> list[str]:
    """The lines a reader sees on a guide page, without its charts' SVG or its source list."""
    lines = without_source_lines("\n".join(page_lines(page, charts=False))).splitlines()
    return [line.strip() for line in lines if line.strip()]


@pytest.mark.parametrize("page_file", [page.file for page in app_pages()])
def test_app_page_reads_at_smog_grade_8_or_lower(page_file):
    grade = smog(app_lines(page_file))
    print(f"SMOG {page_file}: {grade}")
    assert grade <= HIGHEST_SMOG, f"SMOG {grade} on {page_file}"


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return export.site_files(DATA, app_url="https://app.example.org/")


@pytest.mark.parametrize("file", [file for file, _ in TOPICS])
def test_guide_page_reads_at_smog_grade_8_or_lower(site, file):
    grade = smog(guide_lines(site[f"en/{file}"]))
    print(f"SMOG guide en/{file}: {grade}")
    assert grade <= HIGHEST_SMOG, f"SMOG {grade} on the guide's en/{file}"


def test_each_list_item_counts_as_a_sentence():
    page = "<p>Set goals for the trial week:</p><ul><li>Walking to the shop</li><li>Sitting through a meal</li></ul>"
    assert guide_lines(page) == ["Set goals for the trial week:", "Walking to the shop", "Sitting through a meal"]
    assert textstat.sentence_count(as_sentences(guide_lines(page))) == 3
    assert textstat.sentence_count(as_sentences(["- Walking to the shop", "- Sitting through a meal"])) == 2


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pain_charts_labels_are_whole_numbers_and_its_text_alternative_keeps_the_exact_range(lang):
    """'2.4 to 4 out of 10' is sums a patient must do: the label a reader sees says 'about 2 to 4'."""
    pain_reduction = next(
        row for row in data.load_outcomes(DATA).frame.to_dict("records") if row["measure"] == "pain_reduction"
    )
    for pain_today in range(1, 11):
        view = views.pain_today_view(pain_reduction, lang, pain_today)
        labels = [item["label"] for rows in view.chart.to_dict()["datasets"].values() for item in rows]
        assert labels and not [label for label in labels if DECIMAL.search(label)], (pain_today, labels)
    assert DECIMAL.search(views.pain_today_view(pain_reduction, lang, 8).alt_text)  # "2.4 to 4" stays there
