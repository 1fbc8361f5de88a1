"""The Trials topic's sentences, built once from the checked rows: the page and the guide lay them out. No Streamlit.

Every sentence is Markdown from text.md, so data text in it is escaped; the guide turns it into HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explainer import views
from explainer.source_list import kinds_of_study
from explainer.text import Markdown, escape_markdown, md, mid_sentence, out_of_100, percent_range, t, whole
from explainer.topics import EVIDENCE


@dataclass(frozen=True)
class TrialPair:
    """One comparison drawn as two 100-person grids: who, what, when, each side's title, the fine print."""

    row: dict  # the trial row, for its charts (views.trial_side_view)
    about: tuple[Markdown, ...]  # who, what was counted, when
    side_titles: dict[str, Markdown]  # "with" / "without" -> "SCS: 59 out of 100"
    details: tuple[Markdown, ...]  # the actual counts and the trial's note, when it has them
    source_id: str


@dataclass(frozen=True)
class Finding:
    """A sentence with the fine print that folds under it, and its source."""

    text: Markdown
    details: tuple[Markdown, ...]
    source_id: str


@dataclass(frozen=True)
class OtherStimulator:
    """A result of SCS against another stimulator: a different question from SCS against no SCS."""

    name: Markdown
    with_scs: Markdown
    without_scs: Markdown
    note: Markdown | None
    source_id: str


@dataclass(frozen=True)
class FactRow:
    """One line of the benefits-and-harms fact box, out of 100 people."""

    what: Markdown
    study: Markdown | None  # the trial of a benefit; a harm names none
    time: Markdown
    with_scs: Markdown
    without_scs: Markdown  # the comparison column's value: a benefit's "usual care alone: 9 out of 100"
    compared: Markdown  # the same in one line of a list, where no column header names the comparison
    source_id: str
    note: Markdown | None = None  # a harm's kind of study, in the handout's comparison cell
    harm: bool = False  # a harm happens only with SCS: its line needs no "with the stimulator"

    @property
    def where(self) -> Markdown:
        """The trial and the time span in brackets, the time written to stand mid-sentence: "(North 2005, about
        3 years on average)". The app, the guide and the handout print this, never their own."""
        time = mid_sentence(self.time)
        return Markdown(f"({self.study}, {time})" if self.study else f"({time})")


def benefit_fact(row: Mapping, lang: str) -> FactRow:
    """A trial's result as a fact box line: SCS against its comparison, out of 100 people."""
    with_share, without_share = views.share(row["value_with"], lang), views.share(row["value_without"], lang)
    return FactRow(
        what=md(lang, "evidence.fact_benefit", outcome=row[f"outcome_{lang}"]),
        study=None,  # the trial's name stays in its source line
        time=escape_markdown(row[f"time_span_{lang}"]),
        with_scs=escape_markdown(with_share),
        without_scs=escape_markdown(f"{row[f'without_{lang}']}: {without_share}"),
        compared=escape_markdown(mid_sentence(f"{row[f'without_{lang}']}: {without_share}")),
        source_id=row["source_id"],
    )


def harm_fact(row: Mapping, study_kind: str, lang: str) -> FactRow:
    """A harm as a fact box line: out of 100 people or implants with SCS; its comparison is not reported.

    Its study is the kind of study that counted it (a review, a cohort), not one of the trials above it."""
    return FactRow(
        what=md(lang, "evidence.fact_harm", name=row[f"name_{lang}"]),
        study=escape_markdown(mid_sentence(study_kind)),
        time=escape_markdown(row[f"time_span_{lang}"])
        if row[f"time_span_{lang}"]
        else md(lang, "evidence.fact_no_time"),
        with_scs=escape_markdown(out_of_100(row["rate_low"], row["rate_high"], lang, per=row[f"per_100_{lang}"])),
        without_scs=md(lang, "evidence.fact_not_reported"),
        compared=escape_markdown(
            mid_sentence(f"{t(lang, 'evidence.fact_without')}: {t(lang, 'evidence.fact_not_reported')}")
        ),
        source_id=row["source_id"],
        harm=True,
    )


@dataclass(frozen=True)
class Evidence:
    measures: Markdown
    process: dict[str, TrialPair]  # every time span of the first trial, by row id
    process_times: dict[str, Markdown]  # row id -> its time span, for the choice of time
    # the later time spans in words, each with its source and the row's note (or None)
    later_process: tuple[tuple[Markdown, str, Markdown | None], ...]
    north: TrialPair
    crossover: tuple[Markdown, str]
    nice: Finding  # the same trial as NICE TA159 counted it, with why the two may differ
    promise: TrialPair
    placebo: Finding
    review: Finding
    another: tuple[OtherStimulator, ...]
    uncertain: tuple[Markdown, ...]
    path_row: dict  # the trial-to-implant row, for its chart (views.path_view)
    path: tuple[tuple[Markdown, tuple[str, ...]], ...]  # the sentences beside the chart, each with its sources
    fact_box: tuple[FactRow, ...]


def evidence(tables: Mapping[str, list[dict]], lang: str) -> Evidence:
    """The topic from the checked tables ("trials" verified, "risks", "outcomes", "sources"), as plain rows."""
    trials = {row["trial_id"]: row for row in tables["trials"]}
    risks = {row["risk_id"]: row for row in tables["risks"]}
    figures = {row["figure_id"]: row for row in tables["outcomes"]}
    years = {row["source_id"]: row["year"] for row in tables["sources"]}
    kinds = kinds_of_study(tables["sources"], lang)

    def named(table: Mapping[str, dict], kind: str, role: str) -> list[dict]:
        return [table[row_id] for row_id in EVIDENCE.ids(kind, role)]

    def share(value: float) -> str:
        return views.share(value, lang)

    def field(row: Mapping, name: str) -> Markdown:
        return escape_markdown(row[f"{name}_{lang}"])

    def pair(row: dict) -> TrialPair:
        details = []
        if row[f"note_{lang}"]:
            details.append(md(lang, "evidence.note", note=row[f"note_{lang}"]))
        return TrialPair(
            row=row,
            about=(
                md(lang, "evidence.who", group=row[f"group_{lang}"]),
                md(lang, "evidence.what_counted", outcome=row[f"outcome_{lang}"]),
                md(lang, "evidence.when", time=row[f"time_span_{lang}"]),
            ),
            side_titles={
                side: md(lang, "evidence.grid_title", label=row[f"{side}_{lang}"], share=share(row[f"value_{side}"]))
                for side in ("with", "without")
            },
            details=tuple(details),
            source_id=row["source_id"],
        )

    pain_reduction, share_85, share_72 = named(figures, "outcomes", "measures")
    (measured,) = named(trials, "trials", "measures")
    first, north, promise = named(trials, "trials", "grids")
    process = {row["trial_id"]: row for row in trials.values() if row["study"] == first["study"]}
    (crossover,) = named(trials, "trials", "crossover")
    (hara,) = named(trials, "trials", "placebo")
    (review,) = named(trials, "trials", "review")
    (switching,) = named(trials, "trials", "switching")
    (leg_back,) = named(trials, "trials", "leg_back")
    (conversion,) = named(trials, "trials", "path")
    (nice,) = named(trials, "trials", "nice")
    removals = named(risks, "risks", "removed")
    return Evidence(
        measures=md(
            lang,
            "evidence.measures_text",
            relief=percent_range(pain_reduction["value_low"], pain_reduction["value_high"], lang),
            share_85=share(share_85["value_low"]),
            share_72=share(share_72["value_low"]),
            study=views.trial_in_words(measured, lang),
            time=measured[f"time_span_{lang}"],
            with_share=share(measured["value_with"]),
            without_share=share(measured["value_without"]),
        ),
        process={trial_id: pair(row) for trial_id, row in process.items()},
        process_times={trial_id: field(row, "time_span") for trial_id, row in process.items()},
        later_process=tuple(
            (
                md(
                    lang,
                    "guide.trials_later_line",
                    time=row[f"time_span_{lang}"],
                    with_share=share(row["value_with"]),
                    without_label=row[f"without_{lang}"],
                    without_share=share(row["value_without"]),
                ),
                row["source_id"],
                field(row, "note") if row[f"note_{lang}"] else None,
            )
            for row in named(trials, "trials", "later_process")
        ),
        north=pair(north),
        crossover=(
            Markdown(
                md(lang, "evidence.what_counted", outcome=crossover[f"outcome_{lang}"])
                + f" {field(crossover, 'with')}: {share(crossover['value_with'])}; "
                + f"{field(crossover, 'without')}: {share(crossover['value_without'])}"
            ),
            crossover["source_id"],
        ),
        nice=Finding(
            Markdown(
                md(lang, "evidence.what_counted", outcome=nice[f"outcome_{lang}"])
                + f" {field(nice, 'with')}: {share(nice['value_with'])}; "
                + f"{field(nice, 'without')}: {share(nice['value_without'])}"
            ),
            (md(lang, "evidence.note", note=nice[f"note_{lang}"]),),
            nice["source_id"],
        ),
        promise=pair(promise),
        placebo=Finding(
            md(
                lang,
                "evidence.placebo_text" if views.about_the_same(hara) else "evidence.placebo_text_differs",
                time=mid_sentence(hara[f"time_span_{lang}"]),
                with_points=whole(abs(hara["value_with"])),
                without_points=whole(abs(hara["value_without"])),
            ),
            (
                md(lang, "evidence.what_counted", outcome=hara[f"outcome_{lang}"]),
                md(lang, "evidence.note", note=hara[f"note_{lang}"]),
            ),
            hara["source_id"],
        ),
        review=Finding(
            md(lang, "evidence.review_text", year=int(years[review["source_id"]])),
            (
                md(lang, "evidence.note", note=review[f"note_{lang}"]),
                md(lang, "evidence.when", time=review[f"time_span_{lang}"]),
            ),
            review["source_id"],
        ),
        another=tuple(
            OtherStimulator(
                name=md(
                    lang,
                    "evidence.another_name",
                    with_label=row[f"with_{lang}"],
                    outcome=mid_sentence(row[f"outcome_{lang}"]),
                    time=row[f"time_span_{lang}"],
                ),
                with_scs=escape_markdown(share(row["value_with"])),
                without_scs=escape_markdown(share(row["value_without"])),
                note=field(row, "note") if row[f"note_{lang}"] else None,
                source_id=row["source_id"],
            )
            for row in trials.values()
            if row["comparison"] == "another_stimulator"
        ),
        uncertain=(
            md(lang, "evidence.uncertain_open_label"),
            md(lang, "evidence.uncertain_funding"),
            md(
                lang,
                "evidence.uncertain_switching",
                study=views.trial_in_words(switching, lang, short=True),
                note=switching[f"note_{lang}"],
            ),
            md(
                lang,
                "evidence.uncertain_leg_back",
                with_share=share(leg_back["value_with"]),
                without_share=share(leg_back["value_without"]),
            ),
        ),
        path_row=conversion,
        path=(
            (
                md(lang, "evidence.path_trial", **views.trial_weeks_in_words(conversion, lang)),
                (conversion["source_id"],),
            ),
            (
                # A UK and a Swedish study, each over 5 and 10 years (views.REMOVALS)
                md(lang, "evidence.path_removed", **views.removals_in_words(risks, lang)),
                tuple(dict.fromkeys(row["source_id"] for row in removals)),
            ),
        ),
        fact_box=tuple(benefit_fact(row, lang) for row in named(trials, "trials", "fact_box"))
        + tuple(harm_fact(row, kinds[row["source_id"]], lang) for row in named(risks, "risks", "fact_box")),
    )
