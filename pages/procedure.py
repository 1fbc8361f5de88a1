"""Procedure: the steps as a patient lives them, one card each."""

from collections.abc import Iterator

import streamlit as st

from explainer import safety
from explainer.text import escape_markdown, md, t
from page_parts.shared import (
    citations_by_id,
    current_language,
    diary_download,
    loaded_or_stop,
    numbered_sources,
    show_implant_diagrams,
    show_limits_diagram,
)

lang = current_language()


def watch_item(line: safety.WatchLine, marks: Iterator[str]) -> str:
    """A line to watch for with its leaflet's mark, and its reason after it with its own, as a step gives its."""
    item = f"- {escape_markdown(line.text)} {next(marks)}"
    if line.why:
        item += f" **{t(lang, 'procedure.why')}:** {escape_markdown(line.why)} {next(marks)}"
    return item


st.title(t(lang, "procedure.title"))
steps = loaded_or_stop("procedure", lang).to_dict("records")
citations = citations_by_id(loaded_or_stop("sources", lang))
st.write(t(lang, "procedure.intro"))
show_implant_diagrams(lang, fold="tabs")

st.header(t(lang, "procedure.steps_heading"))
groups = safety.watch_for(loaded_or_stop("watch_for", lang).to_dict("records"), lang)
watch_sources = [source for group in groups for source in group.sources]
# One short mark per step and per line to watch for, and their sources listed once at the page's end.
step_sources = [source for step in steps for source in (step["source_id"], step["why_source_id"])]
marks, listing = numbered_sources(step_sources + watch_sources, citations)
marks_left = iter(marks[len(step_sources) :])
for step, mark, why_mark in zip(steps, marks[: len(step_sources) : 2], marks[1 : len(step_sources) : 2], strict=True):
    with st.container(border=True):
        st.subheader(md(lang, "procedure.step_heading", order=step["order"], title=step[f"title_{lang}"]))
        st.markdown(f"{escape_markdown(step[f'what_happens_{lang}'])} {mark}")
        st.markdown(f"**{t(lang, 'procedure.how_long')}:** {escape_markdown(step[f'how_long_{lang}'])}")
        with st.expander(t(lang, "procedure.more")):
            st.markdown(f"**{t(lang, 'procedure.you_do')}:** {escape_markdown(step[f'you_do_{lang}'])}")
            st.markdown(f"**{t(lang, 'procedure.why')}:** {escape_markdown(step[f'why_{lang}'])} {why_mark}")
            if step[f"numbing_{lang}"]:
                st.markdown(f"**{t(lang, 'procedure.numbing')}:** {escape_markdown(step[f'numbing_{lang}'])}")
            if step[f"note_{lang}"]:
                st.markdown(f"**{t(lang, 'procedure.good_to_know')}:** {escape_markdown(step[f'note_{lang}'])}")

show_limits_diagram(lang)

st.header(t(lang, "watch_for.heading"))
st.write(t(lang, "watch_for.intro"))
# The signs that need a call stay open; the lists for before the trial and for what to avoid fold under their headings.
for group in groups:
    listed = "\n".join(watch_item(line, marks_left) for line in group.lines)
    if group.why:
        listed += f"\n\n**{t(lang, 'procedure.why')}:** {escape_markdown(group.why)} {next(marks_left)}"
    if group.heading == t(lang, "watch_for.call_today"):
        with st.container(border=True):
            st.subheader(group.heading)
            st.markdown(listed)
    else:
        with st.expander(group.heading):
            st.markdown(listed)
with st.expander(t(lang, "procedure.sources_heading"), icon=":material/menu_book:"):
    st.markdown(listing)

st.header(t(lang, "diary.heading"))
st.write(t(lang, "diary.text"))
diary_download(lang, key="diary_procedure")
