"""The end of a consult: a code for the patient's phone, a note for the record, a one-page summary. No Streamlit.

Nothing here is stored: every function takes what the session holds and returns text.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import markupsafe
import segno

from explainer import topics, views
from explainer.text import long_date, mid_sentence, out_of_100, percent_range, t, whole

# A public address the clinic configures: http(s), a host, an optional port and path; nothing else.
PUBLIC_ADDRESS = re.compile(r"https?://[\w.-]+(:\d+)?(/[\w.~-]+)*/?")
# What a patient can take home, in the order the note names them (page_parts.shared.page_download).
TAKE_HOME = ("handout", "summary", "diary")
# The three questions the one-page summary offers to ask, from the For-me page's list ([questions]).
SUMMARY_QUESTIONS = ("q_trial_goal", "q_risks_for_me", "q_if_it_stops")


def summary_questions(lang: str) -> list[str]:
    return [t(lang, f"questions.{key}") for key in SUMMARY_QUESTIONS]


def guide_address(lang: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """The patient guide's first page in this language, when EXPLAINER_GUIDE_URL names where it is served.

    It may be a full address or a path on the app's site (/guide). Anything else is ignored, not shown.
    """
    base = environ.get("EXPLAINER_GUIDE_URL", "").strip().rstrip("/")
    if not base or not (PUBLIC_ADDRESS.fullmatch(base) or re.fullmatch(r"(/[\w.~-]+)+", base)):
        return None
    return f"{base}/{lang}/index.html"


def phone_address(lang: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """Where the patient's phone should go: the guide in their language, else the app; None when not configured.

    EXPLAINER_PUBLIC_URL is the app's public address (https://clinic.example.org); a guide given as a path
    is on that site.
    """
    public = environ.get("EXPLAINER_PUBLIC_URL", "").strip()
    public = public.rstrip("/") if PUBLIC_ADDRESS.fullmatch(public) else ""
    guide = guide_address(lang, environ)
    if guide and not guide.startswith("/"):
        return guide
    if guide and public:
        return f"{public}{guide}"
    return f"{public}/?lang={lang}" if public else None


def diary_address(phone: str | None) -> str | None:
    """The guide's trial week diary beside the guide's first page the phone opens; None when the phone opens the app."""
    first_page = "/index.html"
    if phone is None or not phone.endswith(first_page):
        return None
    return f"{phone.removesuffix(first_page)}/{topics.DIARY.guide_file}"


def qr_svg(address: str, alt_text: str) -> markupsafe.Markup:
    """The address as a QR code in inline SVG, with its text alternative (segno: pure Python, no images)."""
    code = segno.make(address, error="m")
    # A viewBox (omitsize) so the code scales to any box without clipping; its natural size as width and height.
    svg = code.svg_inline(scale=5, dark="#000000", light="#ffffff", title=None, svgclass="qr", omitsize=True)
    width, height = code.symbol_size(scale=5)
    label = markupsafe.escape(alt_text)
    opening = f'<svg role="img" aria-label="{label}" width="{width}" height="{height}" '
    return markupsafe.Markup(svg.replace("<svg ", opening, 1))


@dataclass(frozen=True)
class Session:
    """What this browser session holds, for this consult only: never stored, never logged."""

    lang: str
    topics_seen: tuple[str, ...]  # page addresses, "" for the overview, in the order they were first shown
    topic_titles: Mapping[str, str]
    pain_today: int | None
    priorities: tuple[str, ...]  # their words, in the reader's language
    questions: tuple[str, ...]  # the ticked questions, as shown
    taken_home: tuple[str, ...] = ()  # what was downloaded in this session: names from TAKE_HOME
    decision: tuple[str, ...] = ()  # what the patient answered on "What matters to you" (decide.note_lines)


def figures_discussed(session: Session, tables: Mapping[str, list[dict]]) -> list[str]:
    """The figures on the pages shown, each with what it was compared with and its source: lines for the record.

    A figure goes into the note only when a topic that shows it (topics.Topic.in_note) was shown in this session.
    """
    lang = session.lang
    shown = topics.in_note(session.topics_seen)
    cited = {source["source_id"]: source["citation"] for source in tables["sources"]}
    lines = []
    for figure in tables["outcomes"]:
        if figure["figure_id"] not in shown.get("outcomes", ()):
            continue
        if figure["measure"] == "share_of_patients":
            value = t(lang, "format.exact_out_of_100", n=whole(figure["value_low"]))
        else:
            value = percent_range(figure["value_low"], figure["value_high"], lang)
        lines.append(f"{value}: {figure[f'result_{lang}']} ({cited[figure['source_id']]})")
    trials = {trial["trial_id"]: trial for trial in tables["trials"]}
    for trial_id in topics.WRAP_UP.ids("trials", "note"):
        if trial_id not in shown.get("trials", ()):
            continue
        trial = trials[trial_id]
        lines.append(
            t(
                lang,
                "wrap_up.note_trial",
                study=trial["study"],
                outcome=trial[f"outcome_{lang}"],
                time=mid_sentence(trial[f"time_span_{lang}"]),
                with_share=views.share(trial["value_with"], lang),
                with_label=mid_sentence(trial[f"with_{lang}"]),
                without_share=views.share(trial["value_without"], lang),
                without_label=mid_sentence(trial[f"without_{lang}"]),
                citation=cited[trial["source_id"]],
            )
        )
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(tables["risks"])}
    for risk_id in topics.WRAP_UP.ids("risks", "note"):
        if risk_id in shown.get("risks", ()):
            harm = harms[risk_id]
            lines.append(f"{harm[f'name_{lang}']}: {views.risk_rate(harm, lang)} ({cited[harm['source_id']]})")
    return lines


def record_note(session: Session, tables: Mapping[str, list[dict]], today: datetime.date) -> str:
    """The note for the medical record: plain text, no name or other identifier, nothing the session lacks."""
    lang = session.lang
    words = lambda key, **values: t(lang, f"wrap_up.{key}", **values)  # noqa: E731
    reviewed = max(source["last_reviewed"] for source in tables["sources"])
    none, none_of_them = words("note_none"), words("note_none_feminine")  # es: "ninguno" temas, "ninguna" cifras
    topics = ", ".join(session.topic_titles[address] for address in session.topics_seen) or none
    pain = none if session.pain_today is None else views.pain_score(session.pain_today, lang)
    lines = [
        words("note_title"),
        f"{words('note_date')}: {long_date(today, lang)}",
        f"{words('note_language')}: {t(lang, f'language.{lang}')}",
        f"{words('note_topics')}: {topics}",
        f"{words('note_figures')}:",
        *(f"- {line}" for line in figures_discussed(session, tables) or [none_of_them]),
        f"{words('note_reviewed')}: {long_date(reviewed, lang)}",
        f"{words('note_entered')}:",
        f"- {words('note_pain')}: {pain}",
        f"- {words('note_priorities')}: {'; '.join(session.priorities) or none}",
        f"- {words('note_questions')}: {'; '.join(session.questions) or none_of_them}",
        *(f"- {line}" for line in session.decision),
    ]
    taken_home = [words(f"note_{name}_name") for name in TAKE_HOME if name in session.taken_home]
    if taken_home:
        lines.append(words("note_handout", pages="; ".join(taken_home)))
    return "\n".join(lines)


def summary_rows(tables: Mapping[str, list[dict]], lang: str) -> dict:
    """The few figures a one-page summary carries: the clinic's, two trials with their comparison, the harms."""
    trials = {trial["trial_id"]: trial for trial in tables["trials"]}
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(tables["risks"])}
    return {
        "clinic_figures": tables["outcomes"],
        "trials": [trials[trial_id] for trial_id in topics.WRAP_UP.ids("trials", "summary")],
        # the key points above already give another operation on the device, with its source: not twice
        "harms": [
            (harms[risk_id], views.risk_rate(harms[risk_id], lang))
            for risk_id in topics.WRAP_UP.ids("risks", "note")
            if risk_id not in topics.OVERVIEW.ids("risks", "key_repair")
        ],
        "out_of_100": lambda low, high: out_of_100(low, high, lang),
    }
