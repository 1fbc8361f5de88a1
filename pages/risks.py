"""Risks: each harm as "about N out of 100", in the same form and weight as the benefits."""

import streamlit as st

from explainer import views
from explainer.text import t
from pages.shared import citations_by_id, current_language, loaded_or_stop, numbered_sources, plain, show_view

lang = current_language()
st.title(t(lang, "risks.title"))
risks = views.by_how_often(loaded_or_stop("load_risks", lang).to_dict("records"))
no_number = t(lang, "risks.no_number")
citations = citations_by_id(loaded_or_stop("load_sources", lang))
st.write(t(lang, "risks.intro"))
st.write(t(lang, "risks.article_note"))
st.warning(t(lang, "risks.not_a_cure"), icon=":material/info:")

with st.expander(t(lang, "risks.summary_heading"), icon=":material/list:"):
    # A source only beside a number: a row without a checked number has nothing to cite.
    counted = [risk for risk in risks if views.risk_rate(risk, lang)]
    marks, listing = numbered_sources([risk["source_id"] for risk in counted], citations)
    mark_of = {risk["risk_id"]: mark for risk, mark in zip(counted, marks, strict=True)}
    # A short list, not a table: it stacks on a phone and needs none of Streamlit's table scripts.
    st.markdown(
        "\n".join(
            f"- **{plain(risk[f'name_{lang}'])}**: {plain(views.risk_rate(risk, lang) or no_number)}"
            f" {mark_of.get(risk['risk_id'], '')}".rstrip()
            for risk in risks
        )
    )
    st.caption(listing)

st.header(t(lang, "risks.each_heading"))
for row_start in range(0, len(risks), 2):
    for column, risk in zip(st.columns(2, gap="medium"), risks[row_start : row_start + 2], strict=False):
        with column, st.container(border=True):
            name = risk[f"name_{lang}"]
            st.subheader(plain(name), anchor=f"risk-{risk['risk_id']}")  # two risks can share a name
            if risk["in_article"] == "yes":
                st.caption(f":material/article: {t(lang, 'risks.in_article')}")
            rate = views.risk_rate(risk, lang)
            st.markdown(f"**{plain(rate or no_number)}**")
            if not show_view(views.risk_view, risk, lang) and rate:
                st.write(t(lang, "risks.too_rare_for_grid"))
            st.write(plain(risk[f"detail_{lang}"]))
            if rate:
                st.caption(t(lang, "risks.source", citation=plain(citations[risk["source_id"]])))
