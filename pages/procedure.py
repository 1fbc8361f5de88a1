"""Procedure: the steps as a patient lives them, one card each."""

import streamlit as st

from explainer.text import t
from pages.shared import (
    citations_by_id,
    current_language,
    diary_download,
    loaded_or_stop,
    plain,
    show_implant_diagrams,
)

lang = current_language()

st.title(t(lang, "procedure.title"))
steps = loaded_or_stop("load_procedure", lang)
citations = citations_by_id(loaded_or_stop("load_sources", lang))
st.write(t(lang, "procedure.intro"))
show_implant_diagrams(lang)

st.header(t(lang, "procedure.steps_heading"))
for step in steps.to_dict("records"):
    with st.container(border=True):
        st.subheader(t(lang, "procedure.step_heading", order=step["order"], title=plain(step[f"title_{lang}"])))
        st.markdown(f"**{t(lang, 'procedure.what_happens')}:** {plain(step[f'what_happens_{lang}'])}")
        details = st.columns(3 if step[f"numbing_{lang}"] else 2)
        details[0].markdown(f"**{t(lang, 'procedure.how_long')}**  \n{plain(step[f'how_long_{lang}'])}")
        details[1].markdown(f"**{t(lang, 'procedure.you_do')}**  \n{plain(step[f'you_do_{lang}'])}")
        if step[f"numbing_{lang}"]:
            details[2].markdown(f"**{t(lang, 'procedure.numbing')}**  \n{plain(step[f'numbing_{lang}'])}")
        if step[f"note_{lang}"]:
            st.info(
                f"**{t(lang, 'procedure.good_to_know')}:** {plain(step[f'note_{lang}'])}", icon=":material/lightbulb:"
            )
        st.caption(t(lang, "procedure.source", citation=plain(citations[step["source_id"]])))

st.header(t(lang, "diary.heading"))
st.write(t(lang, "diary.text"))
diary_download(lang, key="diary_procedure")
