"""When the content was last reviewed and is next due, how it is updated, who made and paid for it. No Streamlit.

The app's Sources page and every take-home page show the same lines (IPDAS C3, C4, C6).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from explainer.text import long_date, t

REVIEW_EVERY_MONTHS = 12


def a_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # February 29
        return day.replace(year=day.year + 1, day=28)


def last_review(sources: list[Mapping]) -> datetime.date:
    """The date by which every source had been checked: the oldest "last reviewed" date."""
    return min(source["last_reviewed"] for source in sources)


def overdue_sources(sources: list[Mapping], today: datetime.date) -> list[Mapping]:
    """The sources last checked more than 12 months before today."""
    return [source for source in sources if a_year_after(source["last_reviewed"]) < today]


@dataclass(frozen=True)
class About:
    last_reviewed: datetime.date
    next_review: datetime.date
    overdue: bool
    lines: tuple[str, ...]  # plain sentences, in reading order


def about(sources: list[Mapping], clinic: Mapping | None, lang: str, today: datetime.date) -> About:
    """What every page says about the content's review, its updates and who made and paid for it."""
    reviewed = last_review(sources)
    due = a_year_after(reviewed)
    overdue = due < today
    lines = [t(lang, "about.reviewed", reviewed=long_date(reviewed, lang), due=long_date(due, lang))]
    if overdue:
        lines.append(t(lang, "about.overdue"))
    lines += [t(lang, "about.how_updated", months=REVIEW_EVERY_MONTHS), t(lang, "about.made_by")]
    if clinic is not None:
        statement = str(clinic.get(f"made_and_paid_{lang}") or "").strip()
        name = clinic["clinic_name"]
        lines.append(
            t(lang, "about.clinic_statement", clinic=name, statement=statement)
            if statement
            else t(lang, "about.clinic_none", clinic=name)
        )
    return About(reviewed, due, overdue, tuple(lines))
