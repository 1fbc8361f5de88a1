"""Every sentence the app shows, per language, and numbers written the way each language writes them."""

from __future__ import annotations

import datetime
import decimal
import json
import math
import string
import tomllib
from functools import cache

from explainer.data import Problem
from explainer.languages import CONTENT_DIR, DEFAULT_LANGUAGE, LANGUAGES


@cache
def strings(lang: str) -> dict[str, str]:
    """All strings of one language, keyed "section.name"."""
    with open(CONTENT_DIR / f"{lang}.toml", "rb") as file:
        content = tomllib.load(file)
    return {f"{section}.{name}": value for section, entries in content.items() for name, value in entries.items()}


def t(lang: str, key: str, **values: object) -> str:
    """The string `key` in `lang`, with its {placeholders} filled in."""
    template = strings(lang)[key]
    return template.format(**values) if values else template


# The names Streamlit 1.67 gives its own controls, in English only (it has no setting for them), and the
# content key that says each in the page's language. A help icon's "Help for X" and a Markdown icon's
# "lock icon" are handled by the script below.
STREAMLIT_LABELS = {
    "Expand sidebar": "app.menu_open",
    "Collapse sidebar": "app.menu_close",
    "Sidebar": "app.menu_word",
    "App pages": "app.menu_word",
    "Copy to clipboard": "app.copy",
    "Link to heading": "app.heading_link",
    "Scroll tabs left": "app.tabs_left",
    "Scroll tabs right": "app.tabs_right",
    "Notifications": "app.notices",
}


def _streamlit_labels_script() -> str:
    """The body of a script that names Streamlit's own controls in the page's language, now and whenever
    Streamlit draws them again. Each control keeps its English name in data-scs-label, so a switch of
    language finds it again; an icon beside words is hidden from screen readers, the words say it."""
    words = {
        lang: {
            "labels": {english: t(lang, key) for english, key in STREAMLIT_LABELS.items()},
            "help": t(lang, "app.help_for", label=""),
        }
        for lang in LANGUAGES
    }
    script = (
        "window.__scsWords = WORDS; window.__scsLang = document.documentElement.lang;"
        "if (!window.__scsName) { window.__scsName = () => {"
        " const words = window.__scsWords[window.__scsLang]; if (!words) return;"
        " document.querySelectorAll('[aria-label]').forEach(e => {"
        "  const english = e.dataset.scsLabel || e.getAttribute('aria-label');"
        "  let label = words.labels[english];"
        "  if (!label && english.startsWith('Help for ')) label = words.help + english.slice(9);"
        "  if (!label && english.endsWith(' icon') && e.matches('span[role=img][translate=no]')) {"
        "   e.setAttribute('aria-hidden', 'true'); e.removeAttribute('aria-label'); return; }"
        "  if (label && e.getAttribute('aria-label') !== label) {"
        "   e.dataset.scsLabel = english; e.setAttribute('aria-label', label); } }); };"
        " new MutationObserver(window.__scsName).observe(document.body, {subtree: true, childList: true}); }"
        " window.__scsName();"
    ).replace("WORDS", json.dumps(words, ensure_ascii=False))
    return script.replace("{", "{{").replace("}", "}}")


# Under make serve a first visit opens on the topic's first screen (explainer/outputs/first_screen.py), over
# the app, which is inert meanwhile. Once the app has drawn the page (this runs after its last element), its
# charts and its widgets (Streamlit shows a skeleton while a widget's code loads, which a busy phone can see:
# on the What matters page the radios then grew by 84 px, a layout shift of 0.105), and has stopped running
# and moving for a moment, the first screen goes and the app is read and focused: nothing is there twice.
# After 4 s the app is shown whatever it is still doing.
HAND_OVER_SCRIPT = (
    (
        "if (!window.__scsHandOver) { const began = performance.now(); let height = -1; window.__scsHandOver = () => {"
        " const first = document.getElementById('first-screen'); if (!first) return;"
        " const app = document.querySelector('[data-testid=stApp]');"
        " const main = document.querySelector('[data-testid=stMain]'); const now = main ? main.scrollHeight : 0;"
        " const drawing = [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
        "  .some(chart => chart.getBoundingClientRect().width > 0 && !chart.querySelector('svg, canvas'));"
        " const loading = document.querySelector('[data-testid=stSkeleton]');"
        " const busy = drawing || loading || now !== height || (app && app.dataset.testScriptState === 'running');"
        " height = now;"
        " if (busy && performance.now() - began < 4000) { setTimeout(window.__scsHandOver, 150); return; }"
        " first.remove(); document.getElementById('root').removeAttribute('inert');"
        " }; } window.__scsHandOver();"
    )
    .replace("{", "{{")
    .replace("}", "}}")
)

# Streamlit's page always says lang="en"; a screen reader picks its voice by it. The app sends this script
# (page_parts/frame.py) and the proxy allows exactly these scripts by their CSP hashes (deploy/serve.py):
# a template with {lang} only.
DOCUMENT_LANGUAGE_SCRIPT = (
    f'<script>document.documentElement.lang = "{{lang}}";{_streamlit_labels_script()}{HAND_OVER_SCRIPT}</script>'
)


# Every character that means something in Streamlit's Markdown (its :icon: and :color[] directives too).
MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$:=\"'")


class Markdown(str):
    """Markdown that is safe to show: our own content strings, with any data text in them escaped."""


def escape_markdown(value: object) -> Markdown:
    """Data text as Markdown that shows every character as itself (no bold, link, HTML or icon)."""
    if isinstance(value, Markdown):
        return value
    return Markdown("".join(f"\\{char}" if char in MARKDOWN_SPECIAL else char for char in str(value)))


def md(lang: str, key: str, **values: object) -> Markdown:
    """The string `key` in `lang` as Markdown, every value escaped: the one way data text reaches a page."""
    return Markdown(t(lang, key, **{name: escape_markdown(value) for name, value in values.items()}))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def language_from_locale(locale: str | None) -> str:
    """The app language for a browser locale such as "es-MX"; English when unknown."""
    code = (locale or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def number(value: float, lang: str) -> str:
    """A number with at most two decimals, no trailing zeros, and the language's decimal mark (a comma in Spanish)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", t(lang, "format.decimal_mark"))


def percent(value: float, lang: str) -> str:
    return t(lang, "format.percent", value=number(value, lang))


def percent_range(low: float, high: float, lang: str) -> str:
    if low == high:
        return percent(low, lang)
    return t(lang, "format.percent_range", low=number(low, lang), high=number(high, lang))


def whole(value: float) -> int:
    """The nearest whole number, halves rounded up as a reader would (84.5 -> 85; Python's round gives 84)."""
    return int(decimal.Decimal(str(value)).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def mid_sentence(words: str) -> str:
    """A phrase that starts a sentence, written to stand inside one ("Leg pain" -> "leg pain", "A review" ->
    "a review", "SCS" kept)."""
    return words[:1].lower() + words[1:] if words[1:2].islower() or words[1:2] == " " else words


def sentence_start(words: str) -> str:
    """A phrase written to stand inside a sentence, made to start one ("about 21 out of 100" -> "About 21 …")."""
    return words[:1].upper() + words[1:]


def as_published(citation: str, lang: str) -> str:
    """A citation as published (English), marked as such in a language it is not written in."""
    marker = t(lang, "sources.original_title")
    return f"{citation} {marker}" if marker else citation


def long_date(day: datetime.date, lang: str) -> str:
    """A date the way the reader writes it: "November 24, 2026" or "24 de noviembre de 2026"."""
    month = t(lang, "format.months").split()[day.month - 1]
    return t(lang, "format.date", day=day.day, month=month, year=day.year)


def out_of_100(low: float, high: float, lang: str, per: str = "", best: float | None = None) -> str:
    """A rate as "about N out of 100 people", the form patients read best, and the only one: every benefit and
    harm has the same 100, so two rates compare at a glance (no "1 in 40" beside "1 in 3", as IPDAS advises).

    One value near the middle of two whole numbers (2.45) reads "about 2 to 3", not a rounded "about 2".
    With `best`, low and high are a 95% confidence interval around it, and the words say so.
    """
    if high < 1:
        return t(lang, "format.under_one_out_of_100", per=per).strip()
    if best is not None:
        return t(lang, "format.best_out_of_100", n=whole(best), low=whole(low), high=whole(high), per=per).strip()
    if low == high and 0.25 <= low % 1 <= 0.75:
        low, high = math.floor(low), math.ceil(high)
    if whole(low) == whole(high):
        return t(lang, "format.about_out_of_100", n=whole(low), per=per).strip()
    return t(lang, "format.range_out_of_100", low=whole(low), high=whole(high), per=per).strip()


def problem_message(problem: Problem, lang: str) -> str:
    """What is wrong, in plain words."""
    return t(lang, f"problem.{problem.code}", **problem.params)


def problem_line(problem: Problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """One problem as the command line and make serve print it: FILE:ROW:COLUMN: message."""
    return f"{problem.where()}: {problem_message(problem, lang)}"


def problem_place(problem: Problem, lang: str) -> str:
    """Where it is wrong, in plain words: file, row and column, leaving out what a whole-file problem lacks."""
    if problem.row is not None:
        return t(lang, "problem.where", file=problem.file, row=problem.row, column=problem.column or "-")
    if problem.column:
        return t(lang, "problem.where_column", file=problem.file, column=problem.column)
    return t(lang, "problem.where_file", file=problem.file)
