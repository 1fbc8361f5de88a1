"""Issue 30: every take-home page numbers its sources in the order a reader meets them, 1, 2, 3..."""

import re

import pytest

from explainer import text
from explainer.outputs import export
from tests.conftest import DATA

PAGES = {
    "handout": (lambda lang: export.handout_html(DATA, lang), "handout.sources_heading"),
    "summary": (
        lambda lang: export.summary_html(DATA, lang, "https://clinic.example.org/?lang=" + lang, 7),
        "handout.sources_heading",
    ),
    "diary": (lambda lang: export.diary_html(DATA, lang, 7), "diary.sources"),
}


def words(page: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(svg|style)\b.*?</\1>", " ", page, flags=re.DOTALL))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", list(PAGES))
def test_sources_are_numbered_in_reading_order(name, lang):
    make, heading = PAGES[name]
    page = make(lang)
    body, _, listing = words(page).rpartition(text.t(lang, heading))
    first_seen = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", body)))
    assert first_seen == list(range(1, len(first_seen) + 1)), f"{name} numbers its sources {first_seen}"
    items = re.findall(r"<li( value=\"(\d+)\")?>", page.rpartition(text.t(lang, heading))[2])
    values = [int(value) for _, value in items if value]
    if values:  # the summary and the diary list only what they cite, each with its number
        assert values == first_seen
    else:  # the handout lists every source, the cited ones first, in the order of their numbers
        assert len(items) >= len(first_seen)


def test_each_number_points_at_its_own_source():
    page = export.summary_html(DATA, "en")
    body, _, listing = page.rpartition(text.t("en", "handout.sources_heading"))
    cited = dict(re.findall(r'<li value="(\d+)">([^<]*)</li>', listing))
    # The key points' leg pain line (the PROCESS trial) cites Kumar 2007; its number must list Kumar 2007.
    process_mark = re.search(r"leg pain went down by at least half in about 48[^\[]*\[(\d+)\]", body).group(1)
    assert "Kumar" in cited[process_mark] and "2007" in cited[process_mark]
