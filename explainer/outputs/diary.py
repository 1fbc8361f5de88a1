"""The trial week diary: one printable page, on its own and as a page of the guide. No Streamlit."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

from explainer import about, balance, safety, text, topics, views
from explainer.outputs.render import ENVIRONMENT, DataFolder, NumberedInReadingOrder, checked, clinic, tables
from explainer.text import t

HALF = 50  # the trial's usual mark of success: pain down by at least half (procedure.csv, step "decision")


def half_or_less(pain: int) -> int:
    """The highest whole score at most half of a pain score, as a patient writes it: 5 -> 2, 6 -> 3."""
    return math.floor(pain * HALF / 100)


def diary_context(
    folder: DataFolder,
    lang: str,
    usual_pain: int | None = None,
    numbers: Mapping[str, int] | None = None,
    today: datetime.date | None = None,
) -> dict:
    """What the trial week diary shows, for its own page (sources numbered in reading order) and for the
    guide's copy of it (the guide's own numbers, the same on every guide page)."""
    folder = checked(folder)
    loaded = tables(folder, ("trial_week", "procedure", "sources", "trials", "watch_for"))
    tips = loaded["trial_week"].frame.to_dict("records")
    chance = balance.pain_chance(loaded["trials"].frame.to_dict("records"), lang)
    # A thing to avoid that the week's reminders already say (no driving) is said once, with the reminders.
    reminders = {tip[f"tip_{lang}"] for tip in tips}
    watch_rows = [
        row
        for row in loaded["watch_for"].frame.to_dict("records")
        if row["moment"] in safety.DURING_THE_TRIAL and row[f"text_{lang}"] not in reminders
    ]
    (decision_id,) = topics.DIARY.ids("procedure", "decision")
    decision = next(step for step in loaded["procedure"].frame.to_dict("records") if step["step_id"] == decision_id)
    sources = loaded["sources"].frame
    citations = {
        source_id: text.as_published(citation, lang)
        for source_id, citation in zip(sources["source_id"], sources["citation"], strict=True)
    }
    if numbers is None:
        numbers = NumberedInReadingOrder(citations)
        diary_sources = numbers.listed()
    else:
        cited = dict.fromkeys(
            [
                decision["source_id"],
                *(line.source_id for line in chance),
                *(source for tip in tips for source in (tip["source_id"], tip["why_source_id"])),
                *(source for row in watch_rows for source in (row["source_id"], row["why_source_id"]) if source),
            ]
        )
        diary_sources = [(numbers[source_id], citations[source_id]) for source_id in cited]
    the_clinic = clinic(folder)
    half = None if usual_pain is None else half_or_less(usual_pain)
    return {
        "usual_pain": usual_pain,
        "usual_pain_text": None if usual_pain is None else views.pain_score(usual_pain, lang),
        "half_text": None if half is None else views.pain_score(half, lang),
        "blank_pain": t(lang, "format.pain_score", value="____"),
        "halves": [(pain, half_or_less(pain)) for pain in range(1, 11)],
        "decision": decision,
        "tips": tips,
        "clinic": the_clinic,
        "pain_chance": chance,
        "diary_watch_groups": safety.watch_for(watch_rows, lang, safety.DURING_THE_TRIAL),
        "reviewed": about.about(sources.to_dict("records"), the_clinic, lang, today or datetime.date.today()),
        "mark": lambda source_id: f"[{numbers[source_id]}]",
        "source_numbers": numbers,
        "diary_sources": diary_sources,
    }


def diary_html(
    folder: DataFolder, lang: str, usual_pain: int | None = None, goals: list[str] | tuple[str, ...] = ()
) -> str:
    """The one-page trial week diary; usual_pain and the goals come from the app only when the patient set them."""
    return ENVIRONMENT.get_template("diary.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        goals=list(goals),
        **diary_context(folder, lang, usual_pain),
    )
