"""What to watch for around the trial and the implant, grouped as a patient reads it. No Streamlit."""

from __future__ import annotations

from explainer.balance import Line
from explainer.text import t

# The lists in reading order, each a "moment" of data/watch_for.csv.
MOMENTS = ("before", "call_today", "avoid")
# The trial week diary is filled in once the trial has started: the lists for "before" are past by then.
DURING_THE_TRIAL = ("call_today", "avoid")


def watch_for(rows: list[dict], lang: str, moments: tuple[str, ...] = MOMENTS) -> list[tuple[str, tuple[Line, ...]]]:
    """(heading, lines) per moment that has rows, in file order; every line names its leaflet."""
    groups = []
    for moment in moments:
        lines = tuple(Line(row[f"text_{lang}"], row["source_id"]) for row in rows if row["moment"] == moment)
        if lines:
            groups.append((t(lang, f"watch_for.{moment}"), lines))
    return groups
