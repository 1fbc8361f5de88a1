"""Pure chart builders: numbers and words in, an Altair chart out. No Streamlit here."""

from __future__ import annotations

import json
from dataclasses import dataclass

import altair as alt
import pandas as pd

from explainer.text import whole

# Okabe-Ito blue and a grey that both stand out on white, for colour-blind readers.
STRONG = "#0B5394"
SOFT = "#56B4E9"
MUTED = "#767676"
# A filled dot, a diamond and a ring: the groups differ in shape, not only in colour.
DOT = "circle"
RING = "M-1,0a1,1 0 1,0 2,0a1,1 0 1,0 -2,0ZM-0.6,0a0.6,0.6 0 1,1 1.2,0a0.6,0.6 0 1,1 -1.2,0Z"
MAYBE = "diamond"
# Who had it only over a longer time span (a device taken out by 10 years, not by 5): a square in Okabe-Ito's
# vermilion, so it reads apart from a range's diamonds.
LATER = "square"
LATER_COLOUR = "#D55E00"
FONT_SIZE = 15
TEXT = "#1A1A1A"
# The app's own typeface (Streamlit's theme font), then the system fonts the handout and the guide use.
FONT = '"Source Sans", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'


def _readable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Large dark text and no frame, the same on every chart."""
    return (
        chart.configure(font=FONT)  # first: configure() replaces the whole config
        .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=TEXT, titleColor=TEXT, grid=False)
        .configure_legend(labelFontSize=FONT_SIZE, labelColor=TEXT, labelLimit=400)
        .configure_title(fontSize=FONT_SIZE + 2, color=TEXT, anchor="start")
        .configure_view(stroke=None)
    )


@dataclass(frozen=True)
class IconArrayWords:
    title: str
    had: str
    maybe: str
    did_not: str
    person: str
    group: str
    later: bool = False  # the middle group had it only over a longer time span, not within a range


@dataclass(frozen=True)
class RangeWords:
    title: str
    axis: str
    range_label: str
    tooltip_measure: str
    tooltip_value: str
    percent_suffix: str = "%"


@dataclass(frozen=True)
class PainTodayWords:
    title: str
    axis: str
    today: str
    with_relief: str
    tooltip_row: str
    tooltip_value: str
    today_value: str
    relief_value: str


# Each group's shape as a character, for a key in words printed beside a grid drawn without its legend.
SYMBOL = {DOT: "\u25cf", MAYBE: "\u25c6", LATER: "\u25a0", RING: "\u25cb"}


def icon_groups(low: float, high: float, words: IconArrayWords) -> list[tuple[str, str, str]]:
    """The grid's groups in the legend's order, each (label, colour, shape): the middle one only for a range."""
    groups = [(words.had, STRONG, DOT)]
    if whole(high) > whole(low):
        groups.append((words.maybe, LATER_COLOUR, LATER) if words.later else (words.maybe, SOFT, MAYBE))
    return [*groups, (words.did_not, MUTED, RING)]


def icon_key(low: float, high: float, words: IconArrayWords) -> tuple[str, ...]:
    """The legend in words, one entry for each group: its shape's character and its label."""
    return tuple(f"{SYMBOL[shape]} {label}" for label, _, shape in icon_groups(low, high, words))


def icon_array_chart(low: float, high: float, words: IconArrayWords) -> alt.Chart:
    """100 people as a 10 by 10 grid: who had the result, who might have (a range), who did not."""
    had, maybe_to = whole(low), whole(high)
    groups = icon_groups(low, high, words)
    people = pd.DataFrame(
        {
            "person": range(1, 101),
            "column": [index % 10 for index in range(100)],
            "row": [index // 10 for index in range(100)],
        }
    )
    people["group"] = [
        words.had if person <= had else words.maybe if person <= maybe_to else words.did_not
        for person in people["person"]
    ]
    domain, colours, shapes = ([group[i] for group in groups] for i in range(3))
    legend = alt.Legend(title=None, orient="bottom", direction="vertical", symbolSize=170)
    chart = (
        alt.Chart(people, title=words.title or alt.Undefined)
        .mark_point(filled=True, size=150, strokeWidth=0, opacity=1)
        .encode(
            x=alt.X("column:O", axis=None),
            y=alt.Y("row:O", axis=None),
            color=alt.Color("group:N", scale=alt.Scale(domain=domain, range=colours), legend=legend),
            shape=alt.Shape("group:N", scale=alt.Scale(domain=domain, range=shapes), legend=legend),
            tooltip=[
                alt.Tooltip("person:Q", title=words.person),
                alt.Tooltip("group:N", title=words.group),
            ],
        )
        .properties(height=230)
    )
    return _readable(chart)


def amount_of_change_chart(low: float, high: float, words: RangeWords) -> alt.LayerChart:
    """An amount of change on the whole 0-100% scale: a band from low to high, or a bar from 0 for one value."""
    start = 0 if low == high else low
    amount = pd.DataFrame(
        {"measure": [words.tooltip_measure], "start": [start], "end": [high], "label": [words.range_label]}
    )
    scale = alt.Scale(domain=[0, 100], nice=False)
    axis = alt.Axis(
        title=words.axis,
        values=[0, 25, 50, 75, 100],
        labelExpr=f"datum.value + {json.dumps(words.percent_suffix)}",
        labelFlush=True,
    )
    track = (
        alt.Chart(pd.DataFrame({"start": [0], "end": [100]}))
        .mark_bar(color="#E6E6E6", height=36)
        .encode(x=alt.X("start:Q", scale=scale, axis=axis), x2="end:Q")
    )
    bar = (
        alt.Chart(amount)
        .mark_bar(color=STRONG, height=36, stroke="black", strokeWidth=1.5)
        .encode(
            x=alt.X("start:Q", scale=scale, axis=axis),
            x2="end:Q",
            tooltip=[
                alt.Tooltip("measure:N", title=words.tooltip_measure),
                alt.Tooltip("label:N", title=words.tooltip_value),
            ],
        )
    )
    label = (
        alt.Chart(amount)
        .transform_calculate(middle="(datum.start + datum.end) / 2")
        .mark_text(dy=-30, fontSize=FONT_SIZE + 2, fontWeight="bold", color=TEXT)
        .encode(x=alt.X("middle:Q", scale=scale), text="label:N")
    )
    layered = alt.layer(track, bar, label, title=words.title or alt.Undefined).properties(
        height=150, padding={"left": 12, "right": 24, "top": 8, "bottom": 8}
    )
    return _readable(layered)


def pain_after_relief(pain_today: float, relief_low: float, relief_high: float) -> tuple[float, float]:
    """The 0-10 pain left after a relief of relief_low to relief_high percent: 8 with 50-70% gives (2.4, 4)."""
    return pain_today * (1 - relief_high / 100), pain_today * (1 - relief_low / 100)


def pain_today_chart(pain_today: float, pain_after: tuple[float, float], words: PainTodayWords) -> alt.LayerChart:
    """Pain today on the 0-10 scale, and the range it could drop to, each on its own labelled row."""
    rows = pd.DataFrame(
        {
            "row": [words.today, words.with_relief],
            "start": [0, pain_after[0]],
            "end": [pain_today, pain_after[1]],
            "label": [words.today_value, words.relief_value],
        }
    )
    scale = alt.Scale(domain=[0, 10], nice=False)
    y = alt.Y("row:N", sort=None, title=None, axis=None)
    bars = (
        alt.Chart(rows)
        .mark_bar(height=32, stroke="black", strokeWidth=1)
        .encode(
            x=alt.X("start:Q", scale=scale, axis=alt.Axis(title=words.axis, values=list(range(11)))),
            x2="end:Q",
            y=y,
            color=alt.Color(
                "row:N", scale=alt.Scale(domain=[words.today, words.with_relief], range=[MUTED, STRONG]), legend=None
            ),
            tooltip=[alt.Tooltip("row:N", title=words.tooltip_row), alt.Tooltip("label:N", title=words.tooltip_value)],
        )
    )
    row_names = (
        alt.Chart(rows)
        .transform_calculate(text="[datum.row + ':', datum.label]")  # two short lines fit a phone
        .mark_text(
            align="left", baseline="bottom", dy=-40, lineHeight=20, fontSize=FONT_SIZE, fontWeight="bold", color=TEXT
        )
        .encode(x=alt.value(0), y=y, text="text:N")
    )
    layered = alt.layer(bars, row_names, title=words.title or alt.Undefined).properties(
        height=240, padding={"left": 8, "right": 24, "top": 8, "bottom": 8}
    )
    return _readable(layered)
