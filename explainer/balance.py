"""What goes beside the clinic's figures wherever they appear: a trial with its comparison, harms out of 100,
and why the numbers are uncertain; and beside "your pain today", how many people reached a drop like that.
No Streamlit.

One build for the app and every take-home page: each line is written from the same rows and sentences as
the Trials page, with the source it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explainer import topics, views
from explainer.source_list import kinds_of_study
from explainer.text import mid_sentence, t, whole

# The rows by their role in the topic table (the overview shows the balance; the results page the chance):
# PROCESS at 6 months, SCS against usual care, everyone counted in the group they were first put in.
(BALANCE_TRIAL,) = topics.OVERVIEW.ids("trials", "balance")
(PLACEBO_TRIAL,) = topics.OVERVIEW.ids("trials", "placebo")
(REVIEW,) = topics.OVERVIEW.ids("trials", "review")
(TRIAL_TO_IMPLANT,) = topics.OVERVIEW.ids("trials", "path")
BALANCE_HARMS = topics.OVERVIEW.ids("risks", "balance")


@dataclass(frozen=True)
class Line:
    """One sentence a page shows, and the source it names (None for a sentence about the trials in general)."""

    text: str
    source_id: str | None


@dataclass(frozen=True)
class Balance:
    trial: Line
    harms: tuple[Line, ...]
    uncertainty: tuple[Line, ...]

    def lines(self) -> tuple[Line, ...]:
        return (self.trial, *self.harms, *self.uncertainty)

    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(line.source_id for line in self.lines() if line.source_id))


def trial_line(trial: Mapping, lang: str) -> Line:
    text = t(
        lang,
        "wrap_up.summary_trial",
        study=views.trial_in_words(trial, lang, start=True, short=True),
        outcome=trial[f"outcome_{lang}"],
        time=trial[f"time_span_{lang}"],
        with_share=views.share(trial["value_with"], lang),
        without_share=views.share(trial["value_without"], lang),
    )
    return Line(f"{text}.", trial["source_id"])


def placebo_line(trials: Mapping[str, Mapping], lang: str) -> Line:
    """The placebo trial in words: "about the same" without its points when they are within noise (the Trials
    page gives them), and with them when they differ."""
    hara = trials[PLACEBO_TRIAL]
    text = t(
        lang,
        "balance.placebo_same" if views.about_the_same(hara) else "evidence.placebo_text_differs",
        time=mid_sentence(hara[f"time_span_{lang}"]),
        with_points=whole(abs(hara["value_with"])),
        without_points=whole(abs(hara["value_without"])),
    )
    return Line(text, hara["source_id"])


def harm_line(harm: Mapping, kind: str, lang: str) -> Line:
    """A harm out of 100, what it means for a person, and what kind of study counted it: harms come from reviews
    and cohorts, not trials."""
    rate = mid_sentence(views.risk_rate(harm, lang))
    return Line(f"{harm[f'name_{lang}']}: {rate}. {harm_about(harm, kind, lang)}", harm["source_id"])


def harm_about(harm: Mapping, kind: str, lang: str) -> str:
    """What a harm means for a person (when its row says) and what kind of study counted it, from its source's
    row: "Most people with an infection had the device taken out (about 78 out of 100 of them). From a study of …"."""
    return f"{harm[f'what_it_means_{lang}']} {from_kind(kind, lang)}".strip()


def from_kind(kind: str, lang: str) -> str:
    """ "From a review of many studies.": what kind of study counted a harm, from its source's row."""
    return t(lang, "balance.harm_from", kind=mid_sentence(kind).rstrip("."))


def balance(trials: list[dict], risks: list[dict], sources: list[dict], lang: str) -> Balance:
    """The balance for one language, from the verified trials, the risks and the sources, as plain rows."""
    trial_of = {trial["trial_id"]: trial for trial in trials}
    harm_of = {harm["risk_id"]: harm for harm in views.by_how_often(risks)}
    year_of = {source["source_id"]: source["year"] for source in sources}
    kind_of = kinds_of_study(sources, lang)
    review, conversion = trial_of[REVIEW], trial_of[TRIAL_TO_IMPLANT]
    harms = tuple(
        harm_line(harm_of[risk_id], kind_of[harm_of[risk_id]["source_id"]], lang) for risk_id in BALANCE_HARMS
    )
    review_text = t(lang, "evidence.review_text", year=int(year_of[review["source_id"]]))
    review_when = t(lang, "balance.when", time=mid_sentence(review[f"time_span_{lang}"]))
    conversion_text = t(lang, "evidence.path_trial", **views.trial_weeks_in_words(conversion, lang))
    open_label = f"{t(lang, 'evidence.uncertain_open_label')} {t(lang, 'evidence.uncertain_funding')}"
    return Balance(
        trial=trial_line(trial_of[BALANCE_TRIAL], lang),
        harms=harms,
        uncertainty=(
            placebo_line(trial_of, lang),
            Line(f"{review_text} {review[f'note_{lang}']} {review_when}", review["source_id"]),
            Line(open_label, None),
            Line(conversion_text, conversion["source_id"]),
        ),
    )


def pain_chance(trials: list[dict], lang: str, short: bool = False) -> tuple[Line, ...]:
    """Beside "your pain today": a drop like the article's may not happen, with how many reached one in PROCESS
    (short: the study by what it compared, on a page whose key points have said in whom)."""
    trial_of = {trial["trial_id"]: trial for trial in trials}
    process = trial_of[BALANCE_TRIAL]
    reached = whole(process["value_with"])
    text = t(
        lang,
        # short: a page whose key points and grids already give the trial with and without says only who did not
        "balance.pain_chance_short" if short else "balance.pain_chance",
        study=views.trial_in_words(process, lang, short=short),
        time=process[f"time_span_{lang}"],
        outcome=mid_sentence(process[f"outcome_{lang}"]),
        with_share=views.share(process["value_with"], lang),
        without_share=views.share(process["value_without"], lang),
        did_not=views.share(100 - reached, lang),
    )
    return Line(text, process["source_id"]), placebo_line(trial_of, lang)
