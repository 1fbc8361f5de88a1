"""The reading level the words are written for, and the marks the tests hold every page of the app to (QL1)."""

from __future__ import annotations

from explainer.text import t

WRITTEN_FOR_GRADES = (6, 8)  # US school grades
HIGHEST_FLESCH_KINCAID_GRADE = 8  # the English pages
LOWEST_FERNANDEZ_HUERTA = 70  # the Spanish pages: 70 or more reads as easy


def reading_level(lang: str) -> str:
    """One line for the sources pages: the grade the text is written for and how the tests check it."""
    low, high = WRITTEN_FOR_GRADES
    return t(
        lang,
        "sources.reading_level",
        low=low,
        high=high,
        grade=HIGHEST_FLESCH_KINCAID_GRADE,
        score=LOWEST_FERNANDEZ_HUERTA,
    )
