"""Issue 32, the reviewer's findings on words: numbers said with what they count, in whom and over what time;
each check answer's own feedback; instructions with their reasons; plain, natural Spanish. Every page a patient
takes home is read: the guide, the handout, the summary and the diary."""

import pytest

from explainer.outputs import export
from tests.conftest import DATA


def spanish_pages(data_dir=DATA) -> dict[str, str]:
    """Every Spanish page a patient can take home, as HTML (the charts' text alternatives included)."""
    pages = {name: page for name, page in export.site_files(data_dir).items() if name.startswith("es/")}
    pages["handout es"] = export.handout_html(data_dir, "es")
    pages["summary es"] = export.summary_html(data_dir, "es", None)
    pages["diary es"] = export.diary_html(data_dir, "es")
    return pages


@pytest.mark.parametrize("calque", ["aros", "proyecto de explicación", "al revés"])
def test_the_spanish_pages_use_natural_words_not_calques(calque):
    found = [name for name, page in spanish_pages().items() if calque in page]
    assert found == []


def test_the_spanish_dot_grids_call_the_empty_dots_circulos_vacios():
    assert "círculos vacíos" in export.handout_html(DATA, "es")
