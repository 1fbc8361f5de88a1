"""Each figure as a chart with its words and text alternative, ready for a page or the handout. No Streamlit.

Every view takes (row, lang, *extra), so a page can cache its spec by those plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd

from explainer import charts, data, topics
from explainer.text import mid_sentence, number, out_of_100, percent_range, sentence_start, t, whole


@dataclass(frozen=True)
class ChartView:
    chart: alt.TopLevelMixin
    alt_text: str
    key: tuple[str, ...] = ()  # a grid's legend in words, for a page that prints the grid too small to read it


def pain_score(value: float, lang: str) -> str:
    return t(lang, "format.pain_score", value=number(round(value, 1), lang))


def share(value: float, lang: str) -> str:
    """A share of patients as "N out of 100"."""
    return t(lang, "format.exact_out_of_100", n=number(whole(value), lang))


DEFAULT_PAIN = 8  # where the pain control starts, in the app and the guide; 8 counts as not chosen yet

# The placebo trial's outcome row says a change of 10 points is the smallest that matters (trials.csv, Hara-2022),
# and the trial found no real difference. Two changes in points closer than that read "about the same".
SMALLEST_CHANGE_THAT_MATTERS = 10


def about_the_same(trial: Mapping) -> bool:
    """Whether a trial's two changes in points are within noise: closer than the smallest change that matters."""
    return abs(trial["value_with"] - trial["value_without"]) < SMALLEST_CHANGE_THAT_MATTERS


def trial_in_words(
    trial: Mapping, lang: str, start: bool = False, short: bool = False, after: Mapping | None = None
) -> str:
    """A trial as a patient can picture it: what it compared and in whom (short: what it compared, once the page
    has said in whom). Its name stays in its source line. Said `after` a study that compared the same things, a
    different study is "another study" of that kind."""
    if after is not None and trial["comparison"] == after["comparison"] and trial["study"] != after["study"]:
        words = t(lang, f"trial_another.{trial['comparison']}")
    elif short:
        words = t(lang, f"trial_short.{trial['comparison']}")
    else:
        words = t(lang, f"trial_words.{trial['comparison']}", group=mid_sentence(trial[f"group_{lang}"]))
    return sentence_start(words) if start else words


def _icon_words(
    lang: str, had: str, did_not: str, maybe: str | None = None, later: bool = False
) -> charts.IconArrayWords:
    return charts.IconArrayWords(
        title="",
        had=had,
        maybe=maybe or had,
        did_not=did_not,
        person=t(lang, "outcomes.tooltip_person"),
        group=t(lang, "outcomes.tooltip_group"),
        later=later,
    )


def amount_view(figure: Mapping, lang: str) -> ChartView:
    """The pain-reduction range or the quality-of-life change, on the whole 0-100% scale."""
    key = "pain" if figure["measure"] == "pain_reduction" else "qol"
    amount = percent_range(figure["value_low"], figure["value_high"], lang)
    words = charts.RangeWords(
        title="",  # the card or section above already names the figure; the bar carries the number
        axis=t(lang, f"outcomes.{key}_axis"),
        range_label=amount,
        tooltip_measure=t(lang, "outcomes.tooltip_measure"),
        tooltip_value=t(lang, "outcomes.tooltip_value"),
        percent_suffix=t(lang, "format.percent_suffix"),
    )
    return ChartView(
        charts.amount_of_change_chart(figure["value_low"], figure["value_high"], words),
        t(lang, f"outcomes.{key}_alt", range=amount, value=amount),
    )


def pain_today_sentence(pain_today: int, figure: Mapping, lang: str) -> str:
    """What a drop of the article's range would mean for this pain score, in words."""
    if pain_today == 0:
        return t(lang, "outcomes.your_pain_none")
    relief = percent_range(figure["value_low"], figure["value_high"], lang)
    return t(
        lang,
        "outcomes.your_pain_result",
        pain=pain_score(pain_today, lang),
        range=relief,
        after=_pain_after_text(pain_today, figure, lang, in_whole_numbers=True),
    )


def pain_today_view(figure: Mapping, lang: str, pain_today: int) -> ChartView:
    relief = percent_range(figure["value_low"], figure["value_high"], lang)
    after = _pain_after_text(pain_today, figure, lang)  # the exact figures stay in the text alternative
    words = charts.PainTodayWords(
        title="",
        axis=t(lang, "outcomes.your_pain_axis"),
        today=t(lang, "outcomes.your_pain_today"),
        with_relief=t(lang, "outcomes.your_pain_after", range=relief),
        tooltip_row=t(lang, "outcomes.tooltip_row"),
        tooltip_value=t(lang, "outcomes.tooltip_value"),
        today_value=pain_score(pain_today, lang),
        relief_value=_pain_after_text(pain_today, figure, lang, in_whole_numbers=True),
    )
    pain_after = charts.pain_after_relief(pain_today, figure["value_low"], figure["value_high"])
    return ChartView(
        charts.pain_today_chart(pain_today, pain_after, words),
        t(lang, "outcomes.your_pain_alt", pain=pain_score(pain_today, lang), range=relief, after=after),
    )


def _pain_after_text(pain_today: int, figure: Mapping, lang: str, in_whole_numbers: bool = False) -> str:
    """The pain left after the article's drop: in whole numbers in a sentence, to one decimal in the chart's
    text alternative (where the exact figures stay)."""
    low, high = charts.pain_after_relief(pain_today, figure["value_low"], figure["value_high"])
    if in_whole_numbers:
        low, high = whole(low), whole(high)
        if low == high:
            return pain_score(low, lang)
    return t(lang, "format.pain_score_range", low=number(round(low, 1), lang), high=number(round(high, 1), lang))


def pain_drop_example(figure: Mapping, lang: str) -> str:
    """The article's range of pain relief in plain words, for the worst pain (10 out of 10): the summary's example."""
    return t(lang, "outcomes.drop_example", after=_pain_after_text(10, figure, lang, in_whole_numbers=True))


def shares_apart(outcomes: Iterable[Mapping], lang: str, short: bool = False) -> str:
    """The clinic's two shares of people come from two different studies: never to be added up or compared.
    Short, for the one-page summary: the two numbers only."""
    shares = [figure["value_low"] for figure in outcomes if figure["measure"] == "share_of_patients"]
    if len(shares) != 2:
        return ""
    if short:
        first, second = (number(whole(value), lang) for value in shares)
        return t(lang, "wrap_up.summary_apart", first=first, second=second)
    return t(lang, "outcomes.shares_apart", first=share(shares[0], lang), second=share(shares[1], lang))


def share_title(figure: Mapping, lang: str) -> str:
    """A heading for one of the clinic's shares: "About 85 out of 100 people said their pain went down a lot"."""
    title = t(
        lang,
        "outcomes.share_chart_title",
        share=share(figure["value_low"], lang),
        result=figure[f"result_{lang}"].lower(),
    )
    return sentence_start(title)


def share_view(figure: Mapping, lang: str) -> ChartView:
    """How many of 100 people got the result, as 100 dots, the ones without it visible too."""
    result = figure[f"result_{lang}"]
    words = _icon_words(lang, t(lang, "outcomes.share_had", result=result), t(lang, "outcomes.share_did_not"))
    had = whole(figure["value_low"])
    return ChartView(
        charts.icon_array_chart(figure["value_low"], figure["value_high"], words),
        t(lang, "outcomes.share_alt", had=had, did_not=100 - had, result=result.lower()),
    )


def by_how_often(risks: list) -> list[dict]:
    """One entry per harm, the most frequent first; those without a checked number last, in file order.

    A harm counted over several time spans in one source (a device taken out within 5 and within
    10 years) is one entry: its first row, with the longer spans under "later".
    """
    harms: dict[tuple, dict] = {}
    for risk in risks:
        key = (risk["name_en"], risk["source_id"])
        if key in harms:
            harms[key]["later"].append(dict(risk))
        else:
            harms[key] = {**risk, "later": list(risk.get("later", []))}
    return sorted(
        harms.values(), key=lambda risk: -risk["rate_high"] if not pd.isna(risk["rate_high"]) else float("inf")
    )


def risk_rate(risk: Mapping, lang: str, with_later: bool = True) -> str | None:
    """ "About N out of 100 ..." with its time span (and any longer spans), or None without a checked figure."""
    if pd.isna(risk["rate_low"]):
        return None
    rate = out_of_100(
        risk["rate_low"],
        risk["rate_high"],
        lang,
        per=risk[f"per_100_{lang}"],
        best=best_estimate(risk),
    )
    # A harm says over what time, as a benefit does; when its source gives no time span, it says that.
    span = risk[f"time_span_{lang}"]
    rate = f"{rate}, {span}" if span else f"{rate}; {t(lang, 'evidence.fact_no_time')}"
    later = [risk_rate(row, lang) for row in risk.get("later", [])] if with_later else []
    return "; ".join([rate, *(mid_sentence(text) for text in later if text)])


def best_estimate(risk: Mapping) -> float | None:
    """The single best estimate when the row's low and high are its 95% confidence interval, else None."""
    best = risk.get("best_estimate")
    return None if best is None or pd.isna(best) else float(best)


def has_grid(risk: Mapping) -> bool:
    """Whether a harm can be drawn as 100 dots: it has a figure, and it is 1 out of 100 or more."""
    return not pd.isna(risk["rate_high"]) and risk["rate_high"] >= 1


def risk_view(risk: Mapping, lang: str) -> ChartView | None:
    """A harm as 100 dots, like the benefits; None when there is no figure or it is under 1 in 100.

    A harm counted over a longer time span too (a device taken out within 5 and within 10 years) shows both: the
    filled dots had it in the first span, the soft ones only later, within the longest (CDC Index item 20).
    """
    if not has_grid(risk):
        return None
    later = longer_span(risk, lang)
    if later is not None:
        words = _icon_words(
            lang,
            t(lang, "risks.had_within", span=risk[f"time_span_{lang}"]),
            t(lang, "risks.did_not"),
            maybe=t(lang, "risks.had_later", span=later[f"time_span_{lang}"]),
            later=True,
        )
        low, high = risk["rate_low"], later["rate_low"]
    else:
        # The soft dots are a likely range (a confidence interval) or a spread between studies: the label says which.
        maybe = t(lang, "risks.maybe_interval" if best_estimate(risk) is not None else "risks.maybe")
        words = _icon_words(lang, t(lang, "risks.had"), t(lang, "risks.did_not"), maybe=maybe)
        low, high = risk["rate_low"], risk["rate_high"]
    return ChartView(
        charts.icon_array_chart(low, high, words),
        t(lang, "risks.alt", rate=risk_rate(risk, lang), name=risk[f"name_{lang}"]),
        charts.icon_key(low, high, words),
    )


def longer_span(risk: Mapping, lang: str) -> Mapping | None:
    """The harm's longest later time span, when the dots can show it beside the first: both single numbers, with
    a time span each, and more people by the later one. None otherwise (the dots then show the first span)."""
    later = [row for row in risk.get("later", []) if not pd.isna(row["rate_low"])]
    if not later or best_estimate(risk) is not None or risk["rate_low"] != risk["rate_high"]:
        return None
    last = later[-1]
    single = last["rate_low"] == last["rate_high"] and best_estimate(last) is None
    spans = all(row[f"time_span_{lang}"] for row in (risk, last))
    return last if single and spans and whole(last["rate_low"]) > whole(risk["rate_low"]) else None


# (the count's placeholder, its time span's placeholder) for evidence.path_removed, one pair for each of the Trials
# topic's "removed" rows of risks.csv, in their order (topics.EVIDENCE): the UK study, then the Swedish one
REMOVALS = (("removed_5y", "span_5y"), ("removed_10y", "span_10y"), ("se_5y", "se_span_5y"), ("se_10y", "se_span_10y"))


def trial_weeks_in_words(conversion: Mapping, lang: str) -> dict[str, str]:
    """The trial weeks in routine care that led to a permanent device: how many did, how many did not, by when."""
    return {
        "share": share(conversion["value_with"], lang),
        "did_not": str(100 - whole(conversion["value_with"])),
        "time": conversion[f"time_span_{lang}"],
    }


def removals_in_words(risks: Mapping[str, Mapping], lang: str) -> dict[str, str]:
    """The UK and the Swedish study of devices taken out, within 5 and 10 years, as evidence.path_removed's values."""
    values = {}
    for (count, span), risk_id in zip(REMOVALS, topics.EVIDENCE.ids("risks", "removed"), strict=True):
        values[count] = number(whole(risks[risk_id]["rate_low"]), lang)
        values[span] = risks[risk_id][f"time_span_{lang}"]
    return values


def trial_side_view(trial: Mapping, lang: str, side: str) -> ChartView:
    """One arm of a trial ("with" or "without") as 100 dots."""
    value = trial[f"value_{side}"]
    had = whole(value)
    words = _icon_words(lang, t(lang, "evidence.grid_had"), t(lang, "evidence.grid_did_not"))
    return ChartView(
        charts.icon_array_chart(value, value, words),
        t(
            lang,
            "evidence.grid_alt",
            label=trial[f"{side}_{lang}"],
            had=had,
            did_not=100 - had,
            outcome=trial[f"outcome_{lang}"].lower(),
        ),
        charts.icon_key(value, value, words),
    )


def path_view(conversion: Mapping, lang: str) -> ChartView:
    had = whole(conversion["value_with"])
    words = _icon_words(lang, t(lang, "evidence.path_had"), t(lang, "evidence.path_did_not"))
    return ChartView(
        charts.icon_array_chart(conversion["value_with"], conversion["value_with"], words),
        t(lang, "evidence.path_trial_alt", had=had, did_not=100 - had),
    )


# The grid's questions where options' numbers come from different trials, so the grid says how to read them.
OPTION_NOTES = ("relief_leg", "relief_back")


@dataclass(frozen=True)
class OptionEntry:
    """One thing a cell of the options grid says: a figure from a trial or risk row (or None), its words, sources."""

    figure: str | None
    words: str
    source_ids: tuple[str, ...]


def option_grid(options: list, trials: list, risks: list, lang: str) -> dict[str, dict[str, list[OptionEntry]]]:
    """Question -> option -> what the cell says, in file order. Every number comes from trials.csv or risks.csv."""
    trial_of = {trial["trial_id"]: trial for trial in trials}
    risk_of = {}
    for harm in by_how_often(risks):  # a harm with several time spans says all of them
        risk_of[harm["risk_id"]] = harm
        risk_of.update({later["risk_id"]: harm for later in harm["later"]})
    grid = {question: {option: [] for option in data.OPTION_CHOICES} for question in data.OPTION_QUESTIONS}
    for cell in options:
        figure, figure_source = None, None
        if cell["trial_id"]:
            trial = trial_of[cell["trial_id"]]
            figure_source = trial["source_id"]
            place = {"study": trial_in_words(trial, lang, short=True), "time": mid_sentence(trial[f"time_span_{lang}"])}
            if cell["side"] == "note":
                place["study"] = trial_in_words(trial, lang, start=True, short=True)
                figure = t(lang, "options.trial_note", note=trial[f"note_{lang}"], **place)
            else:
                value = share(trial[f"value_{cell['side']}"], lang)
                figure = sentence_start(t(lang, "options.trial_figure", share=value,
                                          outcome=mid_sentence(trial[f"outcome_{lang}"]), **place))  # fmt: skip
        elif cell["risk_id"]:
            risk = risk_of[cell["risk_id"]]
            figure_source = risk["source_id"]
            figure = f"{risk[f'name_{lang}']}: {risk_rate(risk, lang) or t(lang, 'risks.no_number')}"
        sources = tuple(dict.fromkeys(source for source in (figure_source, cell["source_id"]) if source))
        grid[cell["question"]][cell["option"]].append(OptionEntry(figure, cell[f"text_{lang}"], sources))
    return grid
