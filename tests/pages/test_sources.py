"""The sources page: every source with its year, use, review date and one link."""

import re

import pytest

from explainer import data, text
from explainer.outputs import export
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text, shown
from tests.test_guide import visible_text


def test_sources_page_lists_every_source_with_year_use_and_review_date():
    text = page_text(open_page("pages/sources.py"))
    sources = data.load_sources(DATA).frame
    assert text.count("Last reviewed:") == len(sources)
    assert "Year: 2017" in text and "Year: not given" in text
    assert "result: How much their pain went down" in text
    assert "risk: Infection" in text


def test_every_source_says_what_it_is_used_for_trials_included():
    shown_text = page_text(open_page("pages/sources.py"))
    assert text.t("en", "sources.used_for_nothing").replace("**", "") not in shown_text
    for trial in data.load_trials(DATA).frame.to_dict("records"):
        assert f"{trial['study']}, {trial['outcome_en']} ({trial['time_span_en']})" in shown_text


@pytest.mark.parametrize(("lang", "written"), [("en", "November 24, 2026"), ("es", "24 de noviembre de 2026")])
def test_dates_are_written_the_readers_way(lang, written):
    assert written in page_text(open_page("pages/sources.py", lang=lang))
    assert "2026-11-24" not in page_text(open_page("pages/sources.py", lang=lang))
    assert written in export.handout_html(DATA, lang) and "2026-11-24" not in export.handout_html(DATA, lang)


def test_each_source_with_a_public_address_has_one_link_and_the_groups_fold():
    app = open_page("pages/sources.py")
    sources = data.load_sources(DATA).frame
    links = [link for block in app.markdown for link in re.findall(r"\[Open this source\]\(([^)]*)\)", block.value)]
    assert sorted(links) == sorted(link for link in sources["link"] if link)
    assert all(link.startswith("https://") for link in links) and len(links) >= 5
    labels = [shown(expander.label) for expander in app.expander]
    assert labels[0].startswith("Studies that compared groups of people (")
    assert sum(int(re.search(r"\((\d+)\)$", label).group(1)) for label in labels) == len(sources) - 1


# QL1 (IPDAS): the reading level the text is written for, and how the tests check it, where the sources are listed.
READING_LEVEL = {
    "en": ("grade 6 to 8", "Flesch-Kincaid grade of 8 or lower", "Fernández-Huerta score of 70 or more"),
    "es": ("6.º a 8.º grado", "Flesch-Kincaid de 8 o menos", "Fernández-Huerta de 70 o más"),
}


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_sources_page_and_the_guides_say_the_reading_level_and_how_it_is_checked(lang):
    guide_page = visible_text(export.site_files(DATA)[f"{lang}/sources.html"])
    app_page = page_text(open_page("pages/sources.py", lang=lang))
    for words in READING_LEVEL[lang]:
        assert words in app_page and words in guide_page, words
