"""Overview: what SCS is, who it is for, the parts, the headline figures, the way in, the clinic."""

import streamlit as st

from explainer import balance, topics, views
from explainer.text import escape_markdown, md, mid_sentence, number, percent_range, t, whole
from page_parts.frame import address_state, guide_link
from page_parts.shared import (
    citations_by_id,
    current_language,
    load,
    loaded_or_stop,
    numbered_sources,
    phone_link,
    rows_by_id,
    show_implant_diagrams,
    show_problems,
    show_view,
)

lang = current_language()

st.title(t(lang, "overview.title"))
st.write(t(lang, "overview.intro"))
st.markdown(f"**{t(lang, 'options.decision')}**")  # the decision in one line; "Learn more" links the options
guide_link(lang)

who, parts = st.columns(2, gap="medium")
with who:
    st.header(t(lang, "overview.who_heading"))
    st.write(t(lang, "overview.who_text"))
    st.markdown(f"**{t(lang, 'overview.not_a_cure')}**")
with parts:
    st.header(t(lang, "overview.parts_heading"))
    st.markdown(f"- {t(lang, 'overview.part_leads')}\n- {t(lang, 'overview.part_battery')}")

show_implant_diagrams(lang, fold="expander")

st.header(t(lang, "overview.headline_heading"))
outcomes = load("outcomes")
if outcomes.ok:
    figures = outcomes.frame.to_dict("records")
    # Amounts and shares are different measures: each group has its own cards, each figure its own chart.
    for heading_key, group, view in [
        ("overview.headline_amounts", [f for f in figures if f["measure"] != "share_of_patients"], views.amount_view),
        ("overview.headline_shares", [f for f in figures if f["measure"] == "share_of_patients"], views.share_view),
    ]:
        st.subheader(t(lang, heading_key))
        for card, figure in zip(st.columns(len(group)), group, strict=True):
            with card, st.container(border=True):
                if figure["measure"] == "share_of_patients":
                    value = t(lang, "format.exact_out_of_100", n=number(figure["value_low"], lang))
                else:
                    value = percent_range(figure["value_low"], figure["value_high"], lang)
                st.markdown(f"#### {value}")
                st.write(escape_markdown(figure[f"result_{lang}"]))
                show_view(view, figure, lang)
else:
    show_problems(outcomes.problems, lang)

# Beside the clinic's figures and with the same weight: what careful trials found with and without SCS.
st.header(t(lang, "overview.trials_heading"))
st.write(t(lang, "overview.trials_intro"))
trials = load("trials")
citations = load("sources")
if trials.ok and citations.ok:
    by_id = rows_by_id(trials.frame, "trial_id")
    cited = citations_by_id(citations.frame)
    st.subheader(t(lang, "evidence.comparisons_heading"))  # the same heading levels as the clinic's cards
    # SCS against usual care: leg pain, then back pain
    for card, trial_id in zip(st.columns(2), topics.OVERVIEW.ids("trials", "cards"), strict=True):
        trial = by_id[trial_id]
        with card, st.container(border=True):
            with_n, without_n = whole(trial["value_with"]), whole(trial["value_without"])
            st.markdown("#### " + t(lang, "overview.trial_value", with_n=with_n, without_n=without_n))
            st.write(
                t(
                    lang,
                    "overview.trial_text",
                    study=escape_markdown(views.trial_in_words(trial, lang, start=True)),
                    outcome=escape_markdown(mid_sentence(trial[f"outcome_{lang}"])),
                    time=escape_markdown(trial[f"time_span_{lang}"]),
                    with_label=escape_markdown(trial[f"with_{lang}"]),
                    without_label=escape_markdown(mid_sentence(trial[f"without_{lang}"])),
                )
            )
            st.caption(t(lang, "evidence.source", citation=escape_markdown(cited[trial["source_id"]])))
    risks = load("risks")
    if risks.ok:  # the same harms and reasons for doubt as every take-home page, from the same rows
        balanced = balance.balance(
            trials.frame.to_dict("records"), risks.frame.to_dict("records"), citations.frame.to_dict("records"), lang
        )
        sourced = [line.source_id for line in (*balanced.harms, *balanced.uncertainty) if line.source_id]
        marks, listing = numbered_sources(sourced, cited)
        mark_of = dict(zip(sourced, marks, strict=True))
        lines = lambda group: "\n".join(  # noqa: E731
            f"- {escape_markdown(line.text)} {mark_of.get(line.source_id, '')}" for line in group
        )
        st.subheader(t(lang, "balance.harms_heading"))
        st.markdown(lines(balanced.harms))
        # The reasons for doubt fold under their plain heading, so the first screen stays short on a phone.
        with st.expander(t(lang, "balance.uncertain_heading"), icon=":material/help:"):
            st.markdown(lines(balanced.uncertainty))
            st.caption(listing)
    else:
        show_problems(risks.problems, lang)
else:
    show_problems(trials.problems + citations.problems, lang)

st.header(t(lang, "overview.topics_heading"))
# The links flow side by side and wrap: two or three to a line on a phone, not one each.
topic_links = st.container(horizontal=True, gap="small")
for topic in topics.in_app():
    if topic.link_label:
        label = t(lang, f"overview.{topic.link_label}")
        topic_links.page_link(topic.page_file, label=label, icon=topic.icon, query_params=address_state())

st.header(t(lang, "overview.clinic_heading"))
clinic = loaded_or_stop("clinic", lang).iloc[0]
with st.container(border=True):
    st.markdown(
        f"**{escape_markdown(clinic['clinic_name'])}**  \n"
        + "".join(f"{escape_markdown(clinic[field])}  \n" for field in ("physician", "address"))
        + md(lang, "overview.clinic_phone", phone=phone_link(clinic["phone"]))
    )
