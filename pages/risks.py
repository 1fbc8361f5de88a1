"""Risks: each harm as "about N out of 100", in the same form and weight as the benefits."""

import pandas as pd
import streamlit as st

from explainer import views
from explainer.text import t
from pages.shared import citations_by_id, current_language, loaded_or_stop, numbered_sources, plain, show_view

lang = current_language()


def how_often(risk) -> str:
    return views.risk_rate(risk, lang) or t(lang, "risks.no_number")


st.title(t(lang, "risks.title"))
risks = loaded_or_stop("load_risks", lang)
citations = citations_by_id(loaded_or_stop("load_sources", lang))
st.write(t(lang, "risks.intro"))
st.write(t(lang, "risks.article_note"))
st.warning(t(lang, "risks.not_a_cure"), icon=":material/info:")

with st.expander(t(lang, "risks.summary_heading"), icon=":material/table:"):
    marks, listing = numbered_sources(list(risks["source_id"]), citations)
    st.table(
        pd.DataFrame(
            {
                t(lang, "risks.table_risk"): risks[f"name_{lang}"],
                t(lang, "risks.table_rate"): [how_often(risk) for risk in risks.to_dict("records")],
                t(lang, "risks.table_source"): marks,
            }
        ).set_index(t(lang, "risks.table_risk"))
    )
    st.caption(listing)

for row_start in range(0, len(risks), 2):
    for column, risk in zip(
        st.columns(2, gap="medium"), risks.iloc[row_start : row_start + 2].to_dict("records"), strict=False
    ):
        with column, st.container(border=True):
            name = risk[f"name_{lang}"]
            st.subheader(plain(name))
            if risk["in_article"] == "yes":
                st.caption(f":material/article: {t(lang, 'risks.in_article')}")
            st.markdown(f"**{plain(how_often(risk))}**")
            if not show_view(views.risk_view, risk, lang) and views.risk_rate(risk, lang):
                st.write(t(lang, "risks.too_rare_for_grid"))
            st.write(plain(risk[f"detail_{lang}"]))
            st.caption(t(lang, "risks.source", citation=plain(citations[risk["source_id"]])))
