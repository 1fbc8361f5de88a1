"""The patient guide: one plain HTML page per topic and language, with the app's words, figures and charts.

No script, no font or file from outside, so it paints in about a second on a phone; any static web server
(or a folder opened from file://) serves it. The interactive parts stay in the Streamlit app.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import markupsafe

from explainer import about, balance, decide, readability, safety, topics, views, wrapup
from explainer.data import LANGUAGES
from explainer.diagram import STAGES, implant_diagram, limits_diagram, next_steps_diagram
from explainer.evidence import evidence
from explainer.key_points import key_points
from explainer.outputs.diary import diary_context
from explainer.outputs.grids import harm_grids, leg_pain_grids
from explainer.outputs.render import ENVIRONMENT, DataFolder, NumberedInReadingOrder, svg_figure, whole_folder
from explainer.source_list import source_cards
from explainer.text import as_published, md, number, out_of_100, percent_range, strings, t

# (file, title key under [guide]) in reading order, from the topic table; index.html is the overview.
TOPICS = [(topic.guide_file, topic.guide_title) for topic in topics.in_guide()]
PAGE_BUDGET_BYTES = 120_000
PAIN_SCORES = range(11)
CHART_WIDTH = 320  # bar charts drawn at a phone's width keep their words readable there


_MARKDOWN_PIECE = re.compile(r"\\(.)|\*\*|[^\\*]+|.", re.DOTALL)


def markdown_html(markdown: str) -> markupsafe.Markup:
    """Markdown from text.md (our **bold**, data text escaped) as HTML: an escaped character shows as itself."""
    html, bold = [], False
    for piece in _MARKDOWN_PIECE.finditer(str(markdown)):
        if piece.group(0) == "**":
            html.append("</strong>" if bold else "<strong>")
            bold = not bold
        else:
            html.append(str(markupsafe.escape(piece.group(0) if piece.group(1) is None else piece.group(1))))
    return markupsafe.Markup("".join(html) + ("</strong>" if bold else ""))


@dataclass(frozen=True)
class GuideData:
    """Every table the guide shows, validated, as plain rows."""

    outcomes: list[dict]
    trials: dict[str, dict]
    risks: list[dict]
    steps: list[dict]
    sources: list[dict]
    clinic: dict | None
    tips: list[dict]
    options: list[dict]
    watch_for: list[dict]

    @classmethod
    def load(cls, data_dir: DataFolder) -> GuideData:
        """The validated tables, or DataProblems with every problem the data folder has."""
        frames = {name: loaded.frame.to_dict("records") for name, loaded in whole_folder(data_dir).items()}
        return cls(
            outcomes=frames["outcomes"],
            trials={row["trial_id"]: row for row in frames["trials"]},
            risks=views.by_how_often(frames["risks"]),
            steps=frames["procedure"],
            sources=frames["sources"],
            clinic=frames["clinic"][0],
            tips=frames["trial_week"],
            options=frames["options"],
            watch_for=frames["watch_for"],
        )

    def tables(self) -> dict[str, list[dict]]:
        """Every table as the app's pages get it (data.LOADERS' names), for the topics built from them."""
        return {
            "trials": list(self.trials.values()),
            # each row once, by its own id, as the file has it (without the longer spans the guide merged in)
            "risks": [
                {name: value for name, value in row.items() if name != "later"}
                for harm in self.risks
                for row in [harm, *harm["later"]]
            ],
            "outcomes": self.outcomes,
            "procedure": self.steps,
            "sources": self.sources,
            "clinic": [self.clinic] if self.clinic else [],
            "trial_week": self.tips,
            "options": self.options,
            "watch_for": self.watch_for,
        }


class SourceMarks:
    """Hands out [n] marks for one page and remembers which sources the page cited."""

    def __init__(self, numbers: Mapping[str, int]):
        self.numbers = numbers
        self.cited: list[str] = []

    def __call__(self, source_id: str) -> markupsafe.Markup:
        if source_id not in self.cited:
            self.cited.append(source_id)
        n = self.numbers[source_id]
        return markupsafe.Markup(f'<a class="mark" href="#source-{n}">[{n}]</a>')


def guide_pages(data_dir: DataFolder, app_url: str | None = None, today: datetime.date | None = None) -> dict[str, str]:
    """Every page of the guide, keyed by its path inside the site folder ("en/results.html")."""
    pages = {}
    for lang, in_language in language_contexts(data_dir, app_url, today):
        for index, (file, _) in enumerate(in_language["topics"]):
            pages[f"{lang}/{file}"] = render_topic(in_language, file, index)
    return pages


def language_contexts(data_dir: DataFolder, app_url: str | None = None, today: datetime.date | None = None):
    """(lang, the context every guide page in that language is rendered with), for each language."""
    folder = whole_folder(data_dir)
    guide = GuideData.load(folder)
    by_id = {source["source_id"]: source for source in guide.sources}
    today = today or datetime.date.today()
    for lang in LANGUAGES:
        words = partial(t, lang)
        menu = [(file, words(f"guide.{key}")) for file, key in TOPICS]
        yield (
            lang,
            {
                "layout": "guide/base.html.j2",
                "lang": lang,
                "other_languages": [other for other in LANGUAGES if other != lang],
                "in_language": t,
                "t": words,
                "md": partial(_markdown, lang),
                "html": markdown_html,
                "topics": menu,
                "app_url": None if app_url is None else app_url.rstrip("/"),  # "/" (the same site) becomes ""
                "guide": guide,
                "sources_by_id": by_id,
                "charts": _charts(guide, lang),
                "source_cards": source_cards(guide.tables(), lang),
                "reading_level": readability.reading_level(lang),
                "questions": all_questions(lang),
                "three_questions": wrapup.summary_questions(lang),  # the first page's checklist, as the summary's
                "decide_paper": decide.paper_context(
                    {"trials": list(guide.trials.values()), "risks": guide.risks}, lang
                ),
                "fmt": _Formats(lang),
                "views": views,
                "default_pain": views.DEFAULT_PAIN,
                "evidence": evidence(guide.tables(), lang),
                "diagrams": [implant_diagram(stage, lang) for stage in STAGES],
                "limits": limits_diagram(lang),
                "options": views.option_grid(guide.options, list(guide.trials.values()), guide.risks, lang),
                "option_notes": views.OPTION_NOTES,
                **diary_context(folder, lang, today=today),  # its marks and numbers are set per page below
                # after the diary's own: these are the same lines, and the page's mark is set per page below
                "key_points": key_points(guide.tables(), lang),
                "next_steps": next_steps_diagram(lang),  # the key points' last line, what to do next, drawn
                # the first page's picture of its main message: the key points' trial, with and without
                "leg_pain_grids": leg_pain_grids(list(guide.trials.values()), lang),
                # drawn with the first page's harms, each with what kind of study counted it
                "main_harm_grids": harm_grids(guide.tables()["risks"], guide.sources, lang),
                "balance": balance.balance(list(guide.trials.values()), guide.risks, guide.sources, lang),
                "watch_groups": safety.watch_for(guide.watch_for, lang),
                "reviewed": about.about(guide.sources, guide.clinic, lang, today),
            },
        )


def render_topic(in_language: dict, file: str, index: int, template: str | None = None, **extra) -> str:
    """One topic's page (its template's layout is in_language's, or extra's), with its own source numbers.

    Each page numbers its sources in the order a reader meets them, 1, 2, 3, as the take-home pages do."""
    page_numbers = NumberedInReadingOrder(in_language["sources_by_id"])
    marks = SourceMarks(page_numbers)
    name = template or f"guide/{file.removesuffix('.html')}.html.j2"
    return ENVIRONMENT.get_template(name).render(
        in_language,
        current=index,
        file=file,
        mark=marks,
        numbers=page_numbers,
        source_numbers=page_numbers,
        diary_sources=page_numbers.listed(partial(_citation, in_language["lang"])),
        cited=partial(_cited, in_language["sources_by_id"], marks),
        **extra,
    )


def _citation(lang: str, source: Mapping) -> str:
    return as_published(source["citation"], lang)


def _markdown(lang: str, key: str, **values: object) -> markupsafe.Markup:
    return markdown_html(md(lang, key, **values))


def _cited(sources_by_id: Mapping[str, dict], marks: SourceMarks) -> list[tuple[int, dict]]:
    """The sources one page cited, with their numbers, for the list at its foot (called after the page body)."""
    return [(marks.numbers[source_id], sources_by_id[source_id]) for source_id in marks.cited]


class _Formats:
    """Number formats for the templates, in one language."""

    def __init__(self, lang: str):
        self.lang = lang

    def share(self, value: float) -> str:
        return views.share(value, self.lang)

    def range(self, low: float, high: float) -> str:
        return percent_range(low, high, self.lang)

    def number(self, value: float) -> str:
        return number(value, self.lang)

    def out_of_100(self, low: float, high: float) -> str:
        return out_of_100(low, high, self.lang)

    def risk_rate(self, risk: Mapping) -> str:
        return views.risk_rate(risk, self.lang) or t(self.lang, "risks.no_number")


def _charts(guide: GuideData, lang: str) -> dict:
    """Every chart of the guide in one language, drawn ahead of time as inline SVG."""
    pain_reduction = next(figure for figure in guide.outcomes if figure["measure"] == "pain_reduction")
    figures = {}
    for figure in guide.outcomes:
        if figure["measure"] == "share_of_patients":
            figures[figure["figure_id"]] = svg_figure(views.share_view(figure, lang))
        else:
            figures[figure["figure_id"]] = svg_figure(views.amount_view(figure, lang), CHART_WIDTH)
    pain = {
        score: {
            "sentence": views.pain_today_sentence(score, pain_reduction, lang),
            "svg": svg_figure(views.pain_today_view(pain_reduction, lang, score), CHART_WIDTH) if score else None,
        }
        for score in PAIN_SCORES
    }
    trials = {
        trial_id: {
            side: svg_figure(views.trial_side_view(guide.trials[trial_id], lang, side)) for side in ("with", "without")
        }
        for trial_id in topics.EVIDENCE.ids("trials", "grids")
    }
    risks = {}
    for risk in guide.risks:
        view = views.risk_view(risk, lang)
        if view is not None:
            risks[risk["risk_id"]] = svg_figure(view)
    (conversion,) = topics.EVIDENCE.ids("trials", "path")
    path = svg_figure(views.path_view(guide.trials[conversion], lang))
    return {
        "figures": figures,
        "pain": pain,
        "pain_reduction": pain_reduction,
        "trials": trials,
        "risks": risks,
        "path": path,
    }


# The questions to ask, in groups of a few each: every key of the [questions] table is in one group.
QUESTION_GROUPS = {
    "questions_results": ("q_trial_goal", "q_good_result", "q_leg_pain", "q_back_pain", "q_if_it_stops"),
    "questions_risks": ("q_risks_for_me", "q_repairs", "q_other_surgery", "q_mri"),
    "questions_daily_life": ("q_medicines", "q_battery", "q_driving"),
}


def question_groups(lang: str) -> list[tuple[str, list[str]]]:
    """Every question the app can suggest, as all_questions says them, under the heading of its group."""
    blank = t(lang, "format.pain_score", value=t(lang, "guide.pain_blank"))
    return [
        (t(lang, f"handout.{group}"), [t(lang, f"questions.{key}", pain=blank) for key in keys])
        for group, keys in QUESTION_GROUPS.items()
    ]


def all_questions(lang: str) -> list[str]:
    """Every question the app can suggest, with a blank where the app would put the pain score."""
    blank = t(lang, "format.pain_score", value=t(lang, "guide.pain_blank"))
    keys = [key.split(".", 1)[1] for key in strings(lang) if key.startswith("questions.")]
    return [t(lang, f"questions.{key}", pain=blank) for key in keys]
