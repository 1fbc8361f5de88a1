"""Every sentence the app shows, per language, and numbers written the way each language writes them."""

from __future__ import annotations

import datetime
import decimal
import math
import string
import tomllib
from functools import cache
from pathlib import Path

from explainer.data import LANGUAGES, Problem

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LANGUAGE = "en"


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


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def language_from_locale(locale: str | None) -> str:
    """The app language for a browser locale such as "es-MX"; English when unknown."""
    code = (locale or "").split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def number(value: float, lang: str) -> str:
    """A number with at most two decimals, a decimal comma in Spanish, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "es" else text


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
    """A phrase that starts a sentence, written to stand inside one ("Leg pain" -> "leg pain", "SCS" kept)."""
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


def as_published(citation: str, lang: str) -> str:
    """A citation as published (English), marked as such in a language it is not written in."""
    marker = t(lang, "sources.original_title")
    return f"{citation} {marker}" if marker else citation


def long_date(day: datetime.date, lang: str) -> str:
    """A date the way the reader writes it: "November 24, 2026" or "24 de noviembre de 2026"."""
    month = t(lang, "format.months").split()[day.month - 1]
    return t(lang, "format.date", day=day.day, month=month, year=day.year)


def out_of_100(low: float, high: float, lang: str, per: str = "", best: float | None = None) -> str:
    """A rate as "about N out of 100 people", the form patients read best.

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


def problem_place(problem: Problem, lang: str) -> str:
    """Where it is wrong, in plain words: file, row and column."""
    return t(
        lang,
        "problem.where",
        file=problem.file,
        row=problem.row if problem.row is not None else "-",
        column=problem.column or "-",
    )
