"""Issue 32: the take-home pages read at US grade 8 or easier, counted as a strict reviewer counts them.

Every list item, table cell, heading, caption and paragraph is a sentence of its own (a reviewer with PEMAT-P
and SMOG counts them so), the sources included: the whole page, as it prints. SMOG for English, Fernández-Huerta
for Spanish, both with textstat (pinned in requirements-dev.txt). English syllables come from the US dictionary
(textstat's "en" is British hyphenation, which hears "November" and "placebo" as two syllables); textstat also
leaves out any sentence of one or two words, so a short heading cannot lower the grade.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import textstat

from explainer.outputs import export
from tests.conftest import DATA

# A new block starts a new sentence: what a reader sees as a separate line or cell. An SVG chart's "text"
# labels are separate words on screen too ("Had this result", "Did not have this result").
BLOCKS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "caption", "figcaption", "dt", "dd", "div",
    "section", "summary", "label", "blockquote", "br", "title", "desc", "button", "header", "footer", "nav", "main",
    "article", "aside", "figure", "ul", "ol", "table", "text",
})  # fmt: skip


class _Blocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks = [""]
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        if not self.hidden:
            self.blocks[-1] += data


def sentences(page: str) -> str:
    """The page's words, one block a line, each line ended as a sentence so that it counts as one."""
    parser = _Blocks()
    parser.feed(page)
    lines = [re.sub(r"\s+", " ", block).strip() for block in parser.blocks]
    lines = [line for line in lines if re.search(r"[^\W\d_]{2}", line)]
    return "\n".join(line if line[-1] in ".!?" else f"{line}." for line in lines)


def take_home_pages(lang: str) -> dict[str, str]:
    """The handout as the app gives it (a pain score and a question ticked) and the summary of a consult."""
    question = {"en": "When can I drive again?", "es": "¿Cuándo puedo volver a manejar?"}[lang]
    return {
        "handout": export.handout_html(DATA, lang, pain_today=7, questions=[question]),
        "summary": export.summary_html(DATA, lang, "https://clinic.example.org/guide/", 7, [question]),
    }


@pytest.mark.parametrize("name", ["handout", "summary"])
def test_the_english_take_home_pages_read_at_smog_8_or_easier(name):
    textstat.set_lang("en_US")
    grade = textstat.smog_index(sentences(take_home_pages("en")[name]))
    assert grade <= 8, f"SMOG {grade} on the English {name}"


@pytest.mark.parametrize("name", ["handout", "summary"])
def test_the_spanish_take_home_pages_score_70_or_more_on_fernandez_huerta(name):
    textstat.set_lang("es")
    score = textstat.fernandez_huerta(sentences(take_home_pages("es")[name]))
    assert score >= 70, f"Fernández-Huerta {score} on the Spanish {name}"


def test_every_list_item_and_cell_counts_as_a_sentence():
    page = "<h2>Risks</h2><ul><li>Infection</li><li>A wire moves</li></ul><table><tr><td>About 2 out of 100</td></tr>"
    assert sentences(page).splitlines() == ["Risks.", "Infection.", "A wire moves.", "About 2 out of 100."]
