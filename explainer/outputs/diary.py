"""The trial week diary: one printable page, on its own and as a page of the guide. No Streamlit."""

from __future__ import annotations

from explainer import charts, topics, views
from explainer.data import source_numbers
from explainer.outputs.render import ENVIRONMENT, DataFolder, checked, clinic, tables
from explainer.text import t

HALF = 50  # the trial's usual mark of success: pain down by at least half (procedure.csv, step "decision")


def diary_context(folder: DataFolder, lang: str, usual_pain: int | None = None) -> dict:
    """What the trial week diary shows, for its own page and for the guide's copy of it."""
    folder = checked(folder)
    loaded = tables(folder, ("trial_week", "procedure", "sources"))
    tips = loaded["trial_week"].frame.to_dict("records")
    (decision_id,) = topics.DIARY.ids("procedure", "decision")
    decision = next(step for step in loaded["procedure"].frame.to_dict("records") if step["step_id"] == decision_id)
    citations = dict(zip(loaded["sources"].frame["source_id"], loaded["sources"].frame["citation"], strict=True))
    numbers = source_numbers(citations)
    cited = dict.fromkeys([decision["source_id"], *(tip["source_id"] for tip in tips)])
    half = None if usual_pain is None else charts.pain_after_relief(usual_pain, HALF, HALF)[0]
    return {
        "usual_pain": usual_pain,
        "usual_pain_text": None if usual_pain is None else views.pain_score(usual_pain, lang),
        "half_text": None if half is None else views.pain_score(half, lang),
        "blank_pain": t(lang, "format.pain_score", value="____"),
        "decision": decision,
        "tips": tips,
        "clinic": clinic(folder),
        "source_numbers": numbers,
        "diary_sources": [(numbers[source_id], citations[source_id]) for source_id in cited],
    }


def diary_html(folder: DataFolder, lang: str, usual_pain: int | None = None) -> str:
    """The one-page trial week diary; usual_pain comes from the app only when the patient chose it."""
    return ENVIRONMENT.get_template("diary.html.j2").render(
        lang=lang, t=lambda key, **values: t(lang, key, **values), **diary_context(folder, lang, usual_pain)
    )
