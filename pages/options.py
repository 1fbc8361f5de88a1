"""Your options: SCS, keeping current care, or another spine operation, side by side, one question at a time."""

import streamlit as st

from explainer import data, views
from explainer.text import escape_markdown, t
from page_parts.shared import choice_row, citations_by_id, current_language, loaded_or_stop, numbered_sources

lang = current_language()
st.title(t(lang, "options.title"))
st.info(t(lang, "options.decision"), icon=":material/balance:")
st.write(t(lang, "options.intro"))
options = loaded_or_stop("options", lang)
trials = loaded_or_stop("trials", lang)
risks = loaded_or_stop("risks", lang)
citations = citations_by_id(loaded_or_stop("sources", lang))
grid = views.option_grid(options.to_dict("records"), trials.to_dict("records"), risks.to_dict("records"), lang)

# One question at a time, its three options under it: a radio wraps on a phone where tabs would scroll.
# The same question stays chosen when the reader comes back or switches language.
question_labels = {question: t(lang, f"options.tab_{question}") for question in data.OPTION_QUESTIONS}
question = choice_row(t(lang, "options.question_label"), question_labels, key="options_question")
st.header(t(lang, f"options.q_{question}"))
cells = grid[question]
entries = [entry for option in data.OPTION_CHOICES for entry in cells[option]]
marks, listing = numbered_sources([source for entry in entries for source in entry.source_ids], citations)
mark_of = iter(marks)
for column, option in zip(st.columns(len(data.OPTION_CHOICES), gap="small"), data.OPTION_CHOICES, strict=True):
    with column, st.container(border=True):
        st.subheader(t(lang, f"options.option_{option}"))
        for entry in cells[option]:
            entry_marks = " ".join(next(mark_of) for _ in entry.source_ids)
            if entry.figure:
                st.markdown(f"**{escape_markdown(entry.figure)}**")
            st.markdown(f"{escape_markdown(entry.words)} {entry_marks}")
if question in views.OPTION_NOTES:
    st.warning(t(lang, f"options.note_{question}"), icon=":material/compare_arrows:")
with st.expander(t(lang, "options.sources_heading"), icon=":material/menu_book:"):
    st.markdown(listing)
st.write(t(lang, "options.ask_doctor"))
