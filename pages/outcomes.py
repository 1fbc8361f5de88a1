"""Outcomes: the clinic article's four figures, each on its own kind of chart, with what it measures."""

import streamlit as st

from explainer import balance, views
from explainer.text import escape_markdown, percent_range, t
from page_parts.frame import address_state
from page_parts.shared import (
    citations_by_id,
    current_language,
    loaded_or_stop,
    numbered_sources,
    pain_slider,
    show_view,
)

lang = current_language()
st.title(t(lang, "outcomes.title"))
# Plain records, not tables: the fragment below keeps this page's globals for the whole session.
figures = loaded_or_stop("outcomes", lang).to_dict("records")
pain_reduction = [figure for figure in figures if figure["measure"] == "pain_reduction"]
shares = [figure for figure in figures if figure["measure"] == "share_of_patients"]
quality_of_life = [figure for figure in figures if figure["measure"] == "quality_of_life"]
# Beside the control: how many people reached a drop like that in a trial, and that it may not happen.
pain_chance = balance.pain_chance(loaded_or_stop("trials", lang).to_dict("records"), lang)
chance_marks, chance_sources = numbered_sources(
    [line.source_id for line in pain_chance], citations_by_id(loaded_or_stop("sources", lang))
)


def about_this_figure(figure) -> None:
    st.markdown(t(lang, "outcomes.measures", result=escape_markdown(figure[f"result_{lang}"])))
    st.markdown(t(lang, "outcomes.in_whom", in_whom=escape_markdown(figure[f"in_whom_{lang}"])))
    st.markdown(t(lang, "outcomes.source", study=escape_markdown(figure[f"study_{lang}"])))


@st.fragment
def your_pain_today(figure) -> None:
    """The pain control and its chart rerun on their own when the control moves."""
    st.header(t(lang, "outcomes.your_pain_heading"))
    pain_today = pain_slider(lang)
    st.write(views.pain_today_sentence(pain_today, figure, lang))
    if pain_today:
        show_view(views.pain_today_view, figure, lang, pain_today)
    st.caption(t(lang, "outcomes.your_pain_caution"))
    st.warning(
        " ".join(f"{escape_markdown(line.text)} {mark}" for line, mark in zip(pain_chance, chance_marks, strict=True)),
        icon=":material/info:",
    )
    st.caption(chance_sources)


st.write(t(lang, "outcomes.intro"))

for figure in pain_reduction:
    st.header(t(lang, "outcomes.pain_heading"))
    chart_side, text_side = st.columns([3, 2], gap="medium")
    with chart_side:
        show_view(views.amount_view, figure, lang)
    with text_side:
        st.write(t(lang, "outcomes.pain_text", range=percent_range(figure["value_low"], figure["value_high"], lang)))
        about_this_figure(figure)

    your_pain_today(figure)

st.header(t(lang, "outcomes.share_heading"))
for column, figure in zip(st.columns(len(shares), gap="medium"), shares, strict=True):
    with column:
        st.subheader(escape_markdown(views.share_title(figure, lang)))
        show_view(views.share_view, figure, lang)
        about_this_figure(figure)

st.write(views.shares_apart(shares, lang))
st.info(t(lang, "outcomes.different_measures"), icon=":material/info:")
st.page_link(
    "pages/evidence.py",
    label=t(lang, "outcomes.evidence_link"),
    icon=":material/fact_check:",
    query_params=address_state(),
)

for figure in quality_of_life:
    st.header(t(lang, "outcomes.qol_heading"))
    chart_side, text_side = st.columns([3, 2], gap="medium")
    with chart_side:
        show_view(views.amount_view, figure, lang)
    with text_side:
        st.write(t(lang, "outcomes.qol_text", value=percent_range(figure["value_low"], figure["value_high"], lang)))
        about_this_figure(figure)
