"""Outcomes: the clinic article's four figures, each on its own kind of chart, with what it measures."""

import streamlit as st

from explainer import charts
from explainer.text import number, percent_range, t
from pages.shared import chart, current_language, loaded_or_stop, plain

lang = current_language()


def about_this_figure(figure) -> None:
    st.markdown(t(lang, "outcomes.measures", result=plain(figure[f"result_{lang}"])))
    st.markdown(t(lang, "outcomes.in_whom", in_whom=plain(figure[f"in_whom_{lang}"])))
    st.markdown(t(lang, "outcomes.source", study=plain(figure[f"study_{lang}"])))


def pain_score(value: float) -> str:
    return t(lang, "format.pain_score", value=number(round(value, 1), lang))


st.title(t(lang, "outcomes.title"))
figures = loaded_or_stop("load_outcomes", lang)
pain_reduction = figures[figures["measure"] == "pain_reduction"]
shares = figures[figures["measure"] == "share_of_patients"]
quality_of_life = figures[figures["measure"] == "quality_of_life"]
st.write(t(lang, "outcomes.intro"))

for _, figure in pain_reduction.iterrows():
    relief = percent_range(figure["value_low"], figure["value_high"], lang)
    st.header(t(lang, "outcomes.pain_heading"))
    chart_side, text_side = st.columns([3, 2], gap="large")
    with chart_side:
        words = charts.RangeWords(
            title=t(lang, "outcomes.pain_chart_title", range=relief),
            axis=t(lang, "outcomes.pain_axis"),
            range_label=relief,
            tooltip_measure=t(lang, "outcomes.tooltip_measure"),
            tooltip_value=t(lang, "outcomes.tooltip_value"),
            percent_suffix=t(lang, "format.percent_suffix"),
        )
        chart(
            charts.amount_of_change_chart(figure["value_low"], figure["value_high"], words),
            t(lang, "outcomes.pain_alt", range=relief),
        )
    with text_side:
        st.write(t(lang, "outcomes.pain_text", range=relief))
        about_this_figure(figure)

    st.subheader(t(lang, "outcomes.your_pain_heading"))
    pain_today = st.slider(
        t(lang, "outcomes.your_pain_label"), 0, 10, 8, key="pain", help=t(lang, "outcomes.your_pain_help")
    )
    with st.container():
        if pain_today == 0:
            st.write(t(lang, "outcomes.your_pain_none"))
        else:
            after = charts.pain_after_relief(pain_today, figure["value_low"], figure["value_high"])
            after_text = t(
                lang,
                "format.pain_score_range",
                low=number(round(after[0], 1), lang),
                high=number(round(after[1], 1), lang),
            )
            st.write(t(lang, "outcomes.your_pain_result", pain=pain_score(pain_today), range=relief, after=after_text))
            words = charts.PainTodayWords(
                title="",
                axis=t(lang, "outcomes.your_pain_axis"),
                today=t(lang, "outcomes.your_pain_today"),
                with_relief=t(lang, "outcomes.your_pain_after", range=relief),
                tooltip_row=t(lang, "outcomes.tooltip_row"),
                tooltip_value=t(lang, "outcomes.tooltip_value"),
                today_value=pain_score(pain_today),
                relief_value=after_text,
            )
            chart(
                charts.pain_today_chart(pain_today, after, words),
                t(lang, "outcomes.your_pain_alt", pain=pain_score(pain_today), range=relief, after=after_text),
            )
        st.caption(t(lang, "outcomes.your_pain_caution"))

st.header(t(lang, "outcomes.share_heading"))
for column, (_, figure) in zip(st.columns(len(shares), gap="large"), shares.iterrows(), strict=True):
    with column:
        result = figure[f"result_{lang}"]
        share = t(lang, "format.exact_out_of_100", n=number(figure["value_low"], lang))
        st.subheader(t(lang, "outcomes.share_chart_title", share=share, result=plain(result.lower())))
        words = charts.IconArrayWords(
            title="",
            had=t(lang, "outcomes.share_had", result=result),
            maybe=result,
            did_not=t(lang, "outcomes.share_did_not"),
            person=t(lang, "outcomes.tooltip_person"),
            group=t(lang, "outcomes.tooltip_group"),
        )
        chart(
            charts.icon_array_chart(figure["value_low"], figure["value_high"], words),
            t(
                lang,
                "outcomes.share_alt",
                had=number(round(figure["value_low"]), lang),
                did_not=number(100 - round(figure["value_low"]), lang),
                result=result.lower(),
            ),
        )
        about_this_figure(figure)

st.info(t(lang, "outcomes.different_measures"), icon=":material/info:")
st.page_link("pages/evidence.py", label=t(lang, "outcomes.evidence_link"), icon=":material/fact_check:")

for _, figure in quality_of_life.iterrows():
    value = percent_range(figure["value_low"], figure["value_high"], lang)
    st.header(t(lang, "outcomes.qol_heading"))
    chart_side, text_side = st.columns([3, 2], gap="large")
    with chart_side:
        words = charts.RangeWords(
            title=t(lang, "outcomes.qol_chart_title", value=value),
            axis=t(lang, "outcomes.qol_axis"),
            range_label=value,
            tooltip_measure=t(lang, "outcomes.tooltip_measure"),
            tooltip_value=t(lang, "outcomes.tooltip_value"),
            percent_suffix=t(lang, "format.percent_suffix"),
        )
        chart(
            charts.amount_of_change_chart(figure["value_low"], figure["value_high"], words),
            t(lang, "outcomes.qol_alt", value=value),
        )
    with text_side:
        st.write(t(lang, "outcomes.qol_text", value=value))
        about_this_figure(figure)
