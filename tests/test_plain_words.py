"""Numbers and names a patient can read at once: on every patient page (the app's pages, the guide, the handout,
the summary, the diary) no decimal share, no fraction like "9/19" and no trial's name, except in the places below."""

import re

import pytest

from explainer import data
from explainer.outputs import export
from explainer.text import percent_range, t
from tests.app_pages import app_pages
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text
from tests.test_guide import visible_text

# The only places exact figures and trial names may show: where a patient looks them up, not where they read.
ALLOWED_PLACES = {
    "the Sources page (app and guide)": ("pages/sources.py", "sources.html"),
    "a source line: the citation, what kind of source it is, its link": "every citation, kind and link in sources.csv",
    "a chart's text alternative": "not in the page text: the SVG and the chart's alt are left out",
}
TRIAL_NAMES = ("PROCESS", "PROMISE", "SENZA", "EVOKE", "NICE TA159", "Hara 2022", "North 2005", "Cochrane")
# "77.6%", "2.45 in 100", "10.6 points", "83,1 de cada 100"; a pain score such as "4.5 out of 10" is not a share.
DECIMAL_SHARE = re.compile(
    r"\d+(?:\.\d+|,(?!\d{3}\b)\d+) ?(?:%|in 100|out of 100|de cada 100|points|puntos|people|personas)",
    flags=re.IGNORECASE,
)
FRACTION = re.compile(r"(?<![\d/.])\d+/\d+(?![\d/])")


def without_source_lines(page: str) -> str:
    """The page's words with every source line taken out (ALLOWED_PLACES)."""
    sources = data.load_sources(DATA).frame
    links = [link for link in sources["link"] if link]
    lines = [*sources["citation"], *sources["kind_en"], *sources["kind_es"], *links]
    for line in sorted(lines, key=len, reverse=True):
        page = page.replace(line, " ")
    return page


def patient_pages() -> dict[str, str]:
    pages = {}
    for name, page in export.site_files(DATA, app_url="https://app.example.org/").items():
        if name.endswith(".html") and not name.endswith(ALLOWED_PLACES["the Sources page (app and guide)"][1]):
            pages[f"guide {name}"] = visible_text(page)
    for lang in data.LANGUAGES:
        pages[f"handout {lang}"] = visible_text(export.handout_html(DATA, lang))
        pages[f"summary {lang}"] = visible_text(export.summary_html(DATA, lang, None))
        pages[f"diary {lang}"] = visible_text(export.diary_html(DATA, lang))
    return {name: without_source_lines(page) for name, page in pages.items()}


def app_page_text(page_file: str, lang: str) -> str:
    return without_source_lines(page_text(open_page(page_file, lang)))


def problems_in(page: str) -> list[str]:
    found = [match.group() for pattern in (DECIMAL_SHARE, FRACTION) for match in pattern.finditer(page)]
    return found + [name for name in TRIAL_NAMES if re.search(rf"\b{re.escape(name)}\b", page)]


def test_no_guide_handout_summary_or_diary_page_shows_a_decimal_share_a_fraction_or_a_trial_name():
    found = {name: problems_in(page) for name, page in patient_pages().items()}
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("lang", data.LANGUAGES)
@pytest.mark.parametrize(
    "page_file",
    [page.file for page in app_pages() if page.file != ALLOWED_PLACES["the Sources page (app and guide)"][0]],
)
def test_no_app_page_shows_a_decimal_share_a_fraction_or_a_trial_name(page_file, lang):
    assert problems_in(app_page_text(page_file, lang)) == []


def test_the_checks_catch_what_they_look_for():
    assert problems_in("52 of the 67 infected devices (77.6%)") == ["77.6%"]
    assert problems_in("Actual counts: 9/19 with SCS, 3/26 without.") == ["9/19", "3/26"]
    assert problems_in("10,6 puntos con la estimulación real") == ["10,6 puntos"]
    assert problems_in("In the PROCESS trial at 6 months") == ["PROCESS"]
    assert problems_in("Half of that pain would be about 4.5 out of 10. Step 2 of 7, 2000-2009.") == []


@pytest.mark.parametrize(("lang", "no_scale"), [("en", "does not say how it was measured or on what scale"),
                                               ("es", "no dice cómo se midió ni con qué escala")])  # fmt: skip
def test_the_better_quality_of_life_says_its_scale_is_not_given_wherever_it_shows(lang, no_scale):
    site = export.site_files(DATA)
    for page in (
        app_page_text("pages/outcomes.py", lang),
        visible_text(site[f"{lang}/results.html"]),
        visible_text(export.handout_html(DATA, lang)),
        visible_text(export.summary_html(DATA, lang)),
    ):
        assert no_scale in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_take_home_pages_leave_the_quality_of_life_number_out(lang):
    """Its scale is not given, so the handout, the summary and the guide's first page say it got better without the
    number or a bar (the guide's Results page keeps it, with its doubts)."""
    figure = data.load_outcomes(DATA).frame.query("measure == 'quality_of_life'").iloc[0]
    number = percent_range(figure["value_low"], figure["value_high"], lang)
    guide_first_page = export.site_files(DATA)[f"{lang}/index.html"]
    for page in (export.handout_html(DATA, lang), export.summary_html(DATA, lang), guide_first_page):
        said = visible_text(page)
        assert t(lang, "outcomes.qol_take_home") in said
        assert t(lang, "outcomes.qol_text", value=number) not in said
