"""Reading levels counted as a strict reviewer counts them (issue 32), for the app's pages, the guide and the
take-home pages alike.

Every heading, list item, table cell, caption and paragraph is a sentence of its own: what a reader sees as a
separate line. English syllables come from the US dictionary (textstat's "en" is British hyphenation, which hears
"November" and "placebo" as two syllables); textstat also leaves out any sentence of one or two words, so a short
heading cannot lower the grade. textstat is pinned at 0.7.3 in requirements-dev.txt (later ones download NLTK data).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import textstat

# A new block starts a new line: what a reader sees as a separate line or cell. An SVG chart's "text"
# labels are separate words on screen too ("Had this result", "Did not have this result").
BLOCKS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "caption", "figcaption", "dt", "dd", "div",
    "section", "summary", "label", "blockquote", "br", "title", "desc", "button", "header", "footer", "nav", "main",
    "article", "aside", "figure", "ul", "ol", "table", "text", "legend",
})  # fmt: skip
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
HAS_A_WORD = re.compile(r"[^\W\d_]{2}")


class _Blocks(HTMLParser):
    def __init__(self, hidden_tags: tuple[str, ...]):
        super().__init__()
        self.blocks = [""]
        self.hidden_tags = hidden_tags
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.hidden_tags
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.hidden -= tag in self.hidden_tags
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        if not self.hidden:
            self.blocks[-1] += data


def page_lines(page: str, *, charts: bool = True) -> list[str]:
    """The lines a reader sees on an HTML page, one block a line; charts=False leaves the charts' SVG out."""
    parser = _Blocks(("script", "style") if charts else ("script", "style", "svg"))
    parser.feed(page)
    lines = [re.sub(r"\s+", " ", block).strip() for block in parser.blocks]
    return [line for line in lines if HAS_A_WORD.search(line)]


def as_sentences(lines: list[str]) -> str:
    """The lines as a reviewer counts them: each one a sentence (a line without a full stop gets one)."""
    kept = [LIST_MARK.sub("", line).strip() for line in lines]
    return "\n".join(line if line[-1] in ".!?" else f"{line}." for line in kept if HAS_A_WORD.search(line))


def smog(lines: list[str]) -> float:
    textstat.set_lang("en_US")
    return textstat.smog_index(as_sentences(lines))


def fernandez_huerta(lines: list[str]) -> float:
    textstat.set_lang("es")
    return textstat.fernandez_huerta(as_sentences(lines))
