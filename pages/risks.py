"""Risks: each harm as "about N out of 100", in the same form and weight as the benefits."""

import streamlit as st

from explainer import views
from explainer.text import escape_markdown, t
from page_parts.shared import citations_by_id, current_language, loaded_or_stop, numbered_sources, show_view

lang = current_language()
st.title(t(lang, "risks.title"))
risks = views.by_how_often(loaded_or_stop("risks", lang).to_dict("records"))
no_number = t(lang, "risks.no_number")
citations = citations_by_id(loaded_or_stop("sources", lang))
st.write(t(lang, "risks.intro"))
st.write(t(lang, "risks.article_note"))
st.warning(t(lang, "risks.not_a_cure"), icon=":material/info:")

st.header(t(lang, "risks.summary_heading"))
rates = {risk["risk_id"]: views.risk_rate(risk, lang) for risk in risks}  # None: no checked number
# A source only beside a number: a row without a checked number has nothing to cite.
counted = [risk for risk in risks if rates[risk["risk_id"]]]
marks, listing = numbered_sources([risk["source_id"] for risk in counted], citations)
mark_of = {risk["risk_id"]: mark for risk, mark in zip(counted, marks, strict=True)}
# A short list, not a table: it stacks on a phone and needs none of Streamlit's table scripts.
st.markdown(
    "\n".join(
        f"- **{escape_markdown(risk[f'name_{lang}'])}**: {escape_markdown(rates[risk['risk_id']] or no_number)}"
        f" {mark_of.get(risk['risk_id'], '')}".rstrip()
        for risk in risks
    )
)
with st.expander(t(lang, "risks.sources_heading"), icon=":material/menu_book:"):
    st.markdown(listing)

st.header(t(lang, "risks.each_heading"))
st.write(t(lang, "risks.each_intro"))
for risk in risks:
    # Each risk folds under its name and how often: the list above is the page at a glance.
    rate = rates[risk["risk_id"]]
    with st.expander(f"{escape_markdown(risk[f'name_{lang}'])}: {escape_markdown(rate or no_number)}"):
        if risk["in_article"] == "yes":
            st.caption(f":material/article: {t(lang, 'risks.in_article')}")
        if not show_view(views.risk_view, risk, lang) and rate:
            st.write(t(lang, "risks.too_rare_for_grid"))
        st.write(escape_markdown(risk[f"detail_{lang}"]))
        if rate:
            st.caption(t(lang, "risks.source", citation=escape_markdown(citations[risk["source_id"]])))
