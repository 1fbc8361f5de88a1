"""What to watch for around the trial and the implant, grouped as a patient reads it. No Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.text import t

# The lists in reading order, each a "moment" of data/watch_for.csv.
MOMENTS = ("before", "call_today", "avoid")
# The trial week diary is filled in once the trial has started: the lists for "before" are past by then.
DURING_THE_TRIAL = ("call_today", "avoid")


@dataclass(frozen=True)
class WatchLine:
    """One thing to watch for and the leaflet it comes from, with its reason where a source gives one."""

    text: str
    source_id: str
    why: str = ""  # empty when no leaflet or manual gives a reason
    why_source_id: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources the line cites, in the order a reader meets them."""
        return (self.source_id, self.why_source_id) if self.why else (self.source_id,)


@dataclass(frozen=True)
class WatchGroup:
    """One list of things to watch for under its heading. When every line of it has the same reason (each sign to
    call about), the list says that reason once, under its last line, and its lines say none."""

    heading: str
    lines: tuple[WatchLine, ...]
    why: str = ""
    why_source_id: str = ""

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources the list cites, in the order a reader meets them."""
        lines = tuple(source for line in self.lines for source in line.sources)
        return (*lines, self.why_source_id) if self.why else lines


def watch_for(rows: list[dict], lang: str, moments: tuple[str, ...] = MOMENTS) -> list[WatchGroup]:
    """A group per moment that has rows, in file order; every line names its leaflet."""
    groups = []
    for moment in moments:
        lines = tuple(
            WatchLine(row[f"text_{lang}"], row["source_id"], row[f"why_{lang}"], row["why_source_id"])
            for row in rows
            if row["moment"] == moment
        )
        reasons = {(line.why, line.why_source_id) for line in lines}
        if len(lines) > 1 and len(reasons) == 1 and lines[0].why:
            ((why, why_source_id),) = reasons
            lines = tuple(WatchLine(line.text, line.source_id) for line in lines)
            groups.append(WatchGroup(t(lang, f"watch_for.{moment}"), lines, why, why_source_id))
        elif lines:
            groups.append(WatchGroup(t(lang, f"watch_for.{moment}"), lines))
    return groups
