"""Evidence: what randomised trials found, out of 100 people, beside harms with the same denominator."""

import streamlit as st

from explainer import views
from explainer.evidence import TrialPair, evidence
from explainer.text import md, t
from page_parts.shared import (
    choice_row,
    citations_by_id,
    current_language,
    loaded_or_stop,
    numbered_sources,
    show_view,
)

lang = current_language()
st.title(t(lang, "evidence.title"))
tables = {name: loaded_or_stop(name, lang).to_dict("records") for name in ("trials", "outcomes", "risks", "sources")}
citations = citations_by_id(loaded_or_stop("sources", lang))
topic = evidence(tables, lang)


def stacked_list(rows) -> None:
    """What a table would show, as a list that stacks on a phone: each row's name, then its values below it."""
    st.markdown(
        "\n".join(
            f"- **{name}** {mark}\n" + "\n".join(f"    - {label}: {value}" for label, value in values)
            for name, values, mark in rows
        )
    )


def source_line(source_id: str) -> None:
    st.caption(md(lang, "evidence.source", citation=citations[source_id]))


def paired_grids(pair: TrialPair, more=None) -> None:
    """Two 100-person grids, with and without SCS, with who, what, when, anything `more` says, and the source."""
    for line in pair.about:
        st.markdown(line)
    for column, side in zip(st.columns(2, gap="medium"), ("with", "without"), strict=True):
        with column:
            st.markdown(f"**{pair.side_titles[side]}**")
            show_view(views.trial_side_view, pair.row, lang, side)
    # The counts, the fine print and anything `more` says fold under a plain heading; the source stays in view.
    if pair.details or more:
        with st.expander(t(lang, "evidence.more_about_trial")):
            for line in pair.details:
                st.markdown(line)
            if more:
                more()
    source_line(pair.source_id)


st.write(t(lang, "evidence.intro"))

# The clinic's figures and the trials count different things: said once, folded under a plain heading.
with st.expander(t(lang, "evidence.measures_heading"), icon=":material/info:"):
    st.markdown(topic.measures)

st.header(t(lang, "evidence.comparisons_heading"))
st.write(t(lang, "evidence.comparisons_text"))

# One trial at a time: each tab is named by what it compared, so a phone shows one pair of grids.
process_tab, north_tab, promise_tab = st.tabs(
    [t(lang, "evidence.tab_process"), t(lang, "evidence.tab_north"), t(lang, "evidence.tab_promise")]
)
with process_tab:
    chosen = choice_row(t(lang, "evidence.time_label"), topic.process_times, key="process_time")
    paired_grids(topic.process[chosen])


def crossover() -> None:
    """North 2005's second result (who switched), then the same trial as NICE TA159 read it, with why the two
    may differ, above the trial's source line."""
    st.markdown(topic.crossover[0])
    st.markdown(topic.nice.text)
    for line in topic.nice.details:
        st.markdown(line)
    source_line(topic.nice.source_id)


with north_tab:
    paired_grids(topic.north, more=crossover)
with promise_tab:
    paired_grids(topic.promise)

st.header(t(lang, "evidence.placebo_heading"))
for finding, more_heading in (
    (topic.placebo, "evidence.more_about_trial"),
    (topic.review, "evidence.more_about_review"),
):
    st.markdown(finding.text)
    with st.expander(t(lang, more_heading)):
        for line in finding.details:
            st.markdown(line)
    source_line(finding.source_id)

st.header(t(lang, "evidence.another_heading"))
marks, listing = numbered_sources([other.source_id for other in topic.another], citations)
with st.expander(t(lang, "evidence.another_results", n=len(topic.another)), icon=":material/list:"):
    st.warning(t(lang, "evidence.another_warning"), icon=":material/compare_arrows:")
    with_label, without_label = t(lang, "evidence.another_with"), t(lang, "evidence.another_without")
    stacked_list(
        [
            (
                other.name,
                [
                    (with_label, other.with_scs),
                    (without_label, other.without_scs),
                    *([(t(lang, "procedure.good_to_know"), other.note)] if other.note else []),
                ],
                mark,
            )
            for other, mark in zip(topic.another, marks, strict=True)
        ]
    )
    st.caption(listing)

with st.expander(t(lang, "evidence.uncertain_heading"), icon=":material/help:"):
    st.markdown("\n".join(f"- {line}" for line in topic.uncertain))

st.header(t(lang, "evidence.path_heading"))
path_side, text_side = st.columns(2, gap="medium")
with path_side:
    show_view(views.path_view, topic.path_row, lang)
with text_side:
    (first_sentence, _), *later = topic.path
    st.markdown(first_sentence)
    # The devices taken out (also in the fact box below), the note and the sources fold, so a phone's page stays short.
    with st.expander(t(lang, "guide.more_detail"), icon=":material/menu_book:"):
        for sentence, _ in later:
            st.markdown(sentence)
        st.caption(t(lang, "evidence.path_note"))
        for _, source_ids in topic.path:
            for source_id in source_ids:
                source_line(source_id)

st.header(t(lang, "evidence.fact_box_heading"))
st.write(t(lang, "evidence.fact_box_text"))
marks, listing = numbered_sources([row.source_id for row in topic.fact_box], citations)
with_scs = t(lang, "evidence.fact_with")
# One line per row, so the whole box fits on about one phone screen.
st.markdown(
    "\n".join(
        f"- **{row.what} {row.where}:** {'' if row.harm else f'{with_scs}: '}{row.with_scs}; {row.compared} {mark}"
        for row, mark in zip(topic.fact_box, marks, strict=True)
    )
)
with st.expander(t(lang, "risks.sources_heading"), icon=":material/menu_book:"):
    st.caption(listing)
