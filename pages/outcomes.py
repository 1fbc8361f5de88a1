"""Outcomes: the clinic article's four figures, each on its own kind of chart, with what it measures."""

import streamlit as st

from explainer import views
from explainer.text import percent_range, t
from pages.shared import current_language, loaded_or_stop, pain_slider, plain, show_chart

lang = current_language()
st.title(t(lang, "outcomes.title"))
figures = loaded_or_stop("load_outcomes", lang)
pain_reduction = figures[figures["measure"] == "pain_reduction"]
shares = figures[figures["measure"] == "share_of_patients"]
quality_of_life = figures[figures["measure"] == "quality_of_life"]


def about_this_figure(figure) -> None:
    st.markdown(t(lang, "outcomes.measures", result=plain(figure[f"result_{lang}"])))
    st.markdown(t(lang, "outcomes.in_whom", in_whom=plain(figure[f"in_whom_{lang}"])))
    st.markdown(t(lang, "outcomes.source", study=plain(figure[f"study_{lang}"])))


st.write(t(lang, "outcomes.intro"))

for _, figure in pain_reduction.iterrows():
    st.header(t(lang, "outcomes.pain_heading"))
    chart_side, text_side = st.columns([3, 2], gap="large")
    with chart_side:
        show_chart(views.amount_view(figure, lang))
    with text_side:
        st.write(t(lang, "outcomes.pain_text", range=percent_range(figure["value_low"], figure["value_high"], lang)))
        about_this_figure(figure)

    st.subheader(t(lang, "outcomes.your_pain_heading"))
    pain_today = pain_slider(lang, key="pain_outcomes")
    st.write(views.pain_today_sentence(pain_today, figure, lang))
    if pain_today:
        show_chart(views.pain_today_view(pain_today, figure, lang))
    st.caption(t(lang, "outcomes.your_pain_caution"))

st.header(t(lang, "outcomes.share_heading"))
for column, (_, figure) in zip(st.columns(len(shares), gap="large"), shares.iterrows(), strict=True):
    with column:
        st.subheader(plain(views.share_title(figure, lang)))
        show_chart(views.share_view(figure, lang))
        about_this_figure(figure)

st.info(t(lang, "outcomes.different_measures"), icon=":material/info:")
st.page_link("pages/evidence.py", label=t(lang, "outcomes.evidence_link"), icon=":material/fact_check:")

for _, figure in quality_of_life.iterrows():
    st.header(t(lang, "outcomes.qol_heading"))
    chart_side, text_side = st.columns([3, 2], gap="large")
    with chart_side:
        show_chart(views.amount_view(figure, lang))
    with text_side:
        st.write(t(lang, "outcomes.qol_text", value=percent_range(figure["value_low"], figure["value_high"], lang)))
        about_this_figure(figure)
