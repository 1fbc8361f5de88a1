"""What to watch for around the trial and the implant, grouped as a patient reads it. No Streamlit."""

from __future__ import annotations

from explainer.balance import Line
from explainer.text import t

# The lists in reading order, each a "moment" of data/watch_for.csv.
MOMENTS = ("before", "call_today", "avoid")


def watch_for(rows: list[dict], lang: str) -> list[tuple[str, tuple[Line, ...]]]:
    """(heading, lines) per moment that has rows, in file order; every line names its leaflet."""
    groups = []
    for moment in MOMENTS:
        lines = tuple(Line(row[f"text_{lang}"], row["source_id"]) for row in rows if row["moment"] == moment)
        if lines:
            groups.append((t(lang, f"watch_for.{moment}"), lines))
    return groups
