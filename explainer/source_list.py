"""The Sources topic: each source, what it is, its year, when it was last reviewed and what uses it, built once.

The app's page groups the cards, the guide lists them in the order of sources.csv. No Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from explainer.text import Markdown, as_published, escape_markdown, long_date, md

# Each source sits in the group of the first table that uses it; the clinic's details put it in "clinic".
GROUPS = ("clinic", "trials", "risks", "guides", "unused")
# (table, group, content key of one use, the words that name the row, the column that names the source)
USERS: list[tuple[str, str, str, Callable[[Mapping, str], str], str]] = [
    ("outcomes", "clinic", "sources.outcome_item", lambda row, lang: row[f"result_{lang}"], "source_id"),
    ("trials", "trials", "sources.trial_item",
     lambda row, lang: f"{row['study']}, {row[f'outcome_{lang}']} ({row[f'time_span_{lang}']})", "source_id"),
    ("risks", "risks", "sources.risk_item", lambda row, lang: row[f"name_{lang}"], "source_id"),
    ("procedure", "guides", "sources.step_item", lambda row, lang: row[f"title_{lang}"], "source_id"),
    ("procedure", "guides", "sources.why_item", lambda row, lang: row[f"you_do_{lang}"], "why_source_id"),
    ("trial_week", "guides", "sources.tip_item", lambda row, lang: row[f"tip_{lang}"], "source_id"),
    ("trial_week", "guides", "sources.why_item", lambda row, lang: row[f"tip_{lang}"], "why_source_id"),
    ("watch_for", "guides", "sources.watch_item", lambda row, lang: row[f"text_{lang}"], "source_id"),
    ("watch_for", "guides", "sources.why_item", lambda row, lang: row[f"text_{lang}"], "why_source_id"),
]  # fmt: skip


def kinds_of_study(sources: list[Mapping], lang: str) -> dict[str, str]:
    """Source id -> what kind of source it is, in the reader's words ("A study in a pain medicine journal")."""
    return {source["source_id"]: source[f"kind_{lang}"] for source in sources}


@dataclass(frozen=True)
class SourceCard:
    source_id: str
    group: str
    citation: Markdown
    kind: Markdown
    year: Markdown
    reviewed: Markdown
    link: str | None  # checked by the contract: https, no spaces or quotes
    uses: tuple[Markdown, ...]


def source_cards(tables: Mapping[str, list[dict]], lang: str) -> list[SourceCard]:
    """A card per row of tables["sources"], in file order; the other tables given say what uses each source.

    A table left out (a broken one on the app's page) just adds no uses.
    """
    uses: dict[str, list[Markdown]] = {}
    group_of: dict[str, str] = {}
    for table, group, label_key, name_of, source_column in USERS:
        for row in tables.get(table, ()):
            if row[source_column]:
                uses.setdefault(row[source_column], []).append(md(lang, label_key, name=name_of(row, lang)))
                group_of.setdefault(row[source_column], group)
    for row in tables.get("clinic", ()):
        uses.setdefault(row["source_id"], []).append(md(lang, "sources.clinic_item"))
        group_of[row["source_id"]] = "clinic"
    return [
        SourceCard(
            source_id=source["source_id"],
            group=group_of.get(source["source_id"], "unused"),
            citation=escape_markdown(as_published(source["citation"], lang)),
            kind=md(lang, "sources.what_it_is", kind=source[f"kind_{lang}"]),
            year=md(lang, "sources.year_unknown")
            if pd.isna(source["year"])
            else md(lang, "sources.year", year=int(source["year"])),
            reviewed=md(lang, "sources.last_reviewed", date=long_date(source["last_reviewed"], lang)),
            link=source["link"] or None,
            uses=tuple(dict.fromkeys(uses.get(source["source_id"], ()))),  # a harm over two time spans: one use
        )
        for source in tables["sources"]
    ]
