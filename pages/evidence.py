"""Evidence: what randomised trials found, out of 100 people, beside harms with the same denominator."""

import streamlit as st

from explainer import guide, views
from explainer.text import mid_sentence, number, out_of_100, percent_range, t
from page_parts.shared import (
    choice_row,
    citations_by_id,
    current_language,
    loaded_or_stop,
    numbered_sources,
    plain,
    rows_by_id,
    show_view,
)

lang = current_language()
st.title(t(lang, "evidence.title"))
trials = rows_by_id(loaded_or_stop("trials", lang), "trial_id")
clinic = rows_by_id(loaded_or_stop("outcomes", lang), "figure_id")
risks = rows_by_id(loaded_or_stop("risks", lang), "risk_id")
source_table = loaded_or_stop("sources", lang)
sources = rows_by_id(source_table, "source_id")
citations = citations_by_id(source_table)


def share(value: float) -> str:
    return views.share(value, lang)


def stacked_list(rows: list[tuple[str, list[tuple[str, str]], str]]) -> None:
    """What a table would show, as a list that stacks on a phone: each row's name, then its values below it."""
    st.markdown(
        "\n".join(
            f"- **{plain(name)}** {mark}\n"
            + "\n".join(f"    - {plain(label)}: {plain(value)}" for label, value in values)
            for name, values, mark in rows
        )
    )


def source_line(row) -> None:
    st.caption(t(lang, "evidence.source", citation=plain(citations[row["source_id"]])))


def paired_grids(row, more=None) -> None:
    """Two 100-person grids, with and without SCS, with who, what, when, anything `more` says, and the source."""
    st.markdown(t(lang, "evidence.who", group=plain(row[f"group_{lang}"])))
    st.markdown(t(lang, "evidence.what_counted", outcome=plain(row[f"outcome_{lang}"])))
    st.markdown(t(lang, "evidence.when", time=plain(row[f"time_span_{lang}"])))
    for column, side in zip(st.columns(2, gap="medium"), ("with", "without"), strict=True):
        with column:
            title = t(
                lang, "evidence.grid_title", label=plain(row[f"{side}_{lang}"]), share=share(row[f"value_{side}"])
            )
            st.markdown(f"**{title}**")
            show_view(views.trial_side_view, row, lang, side)
    # The counts, the fine print and anything `more` says fold under a plain heading; the source stays in view.
    details = [
        t(lang, "evidence.counts", counts_with=plain(row["counts_with"]), counts_without=plain(row["counts_without"]))
        if row["counts_with"] and row["counts_without"]
        else "",
        t(lang, "evidence.note", note=plain(row[f"note_{lang}"])) if row[f"note_{lang}"] else "",
    ]
    if any(details) or more:
        with st.expander(t(lang, "evidence.more_about_trial")):
            for line in filter(None, details):
                st.markdown(line)
            if more:
                more()
    source_line(row)


st.write(t(lang, "evidence.intro"))

process_6m = trials["PROCESS-6m"]
# The clinic's figures and the trials count different things: said once, folded under a plain heading.
with st.expander(t(lang, "evidence.measures_heading"), icon=":material/info:"):
    st.write(
        t(
            lang,
            "evidence.measures_text",
            relief=percent_range(clinic["pain-reduction"]["value_low"], clinic["pain-reduction"]["value_high"], lang),
            share_85=share(clinic["relief-share-85"]["value_low"]),
            share_72=share(clinic["relief-share-72"]["value_low"]),
            time=process_6m[f"time_span_{lang}"],
            with_share=share(process_6m["value_with"]),
            without_share=share(process_6m["value_without"]),
        )
    )

st.header(t(lang, "evidence.comparisons_heading"))
st.write(t(lang, "evidence.comparisons_text"))

process = {trial_id: trial for trial_id, trial in trials.items() if trial["study"] == "PROCESS"}
# One trial at a time: each tab is named by what it compared, so a phone shows one pair of grids.
process_tab, north_tab, promise_tab = st.tabs(
    [t(lang, "evidence.tab_process"), t(lang, "evidence.tab_north"), t(lang, "evidence.tab_promise")]
)
with process_tab:
    time_spans = {trial_id: trial[f"time_span_{lang}"] for trial_id, trial in process.items()}
    chosen = choice_row(t(lang, "evidence.time_label"), time_spans, key="process_time")
    paired_grids(process[chosen])


def crossover() -> None:
    """North 2005's second result (who switched to the other treatment), above the trial's source line."""
    row = trials["North-2005-crossover"]
    st.markdown(
        t(lang, "evidence.what_counted", outcome=plain(row[f"outcome_{lang}"]))
        + f" {plain(row[f'with_{lang}'])}: {share(row['value_with'])}; "
        + f"{plain(row[f'without_{lang}'])}: {share(row['value_without'])}"
    )
    # The same trial as NICE TA159 reads it, beside the trial's own counts, with why the two may differ.
    nice = trials["North-2005-NICE"]
    st.markdown(
        t(lang, "evidence.what_counted", outcome=plain(nice[f"outcome_{lang}"]))
        + f" {plain(nice[f'with_{lang}'])}: {share(nice['value_with'])}; "
        + f"{plain(nice[f'without_{lang}'])}: {share(nice['value_without'])}"
    )
    st.markdown(t(lang, "evidence.note", note=plain(nice[f"note_{lang}"])))
    source_line(nice)


with north_tab:
    paired_grids(trials["North-2005"], more=crossover)
with promise_tab:
    paired_grids(trials["PROMISE-6m"])

st.header(t(lang, "evidence.placebo_heading"))
hara = trials["Hara-2022"]
st.write(
    t(
        lang,
        "evidence.placebo_text",
        time=mid_sentence(hara[f"time_span_{lang}"]),
        with_points=number(abs(hara["value_with"]), lang),
        without_points=number(abs(hara["value_without"]), lang),
    )
)
with st.expander(t(lang, "evidence.more_about_trial")):
    st.markdown(t(lang, "evidence.what_counted", outcome=plain(hara[f"outcome_{lang}"])))
    st.markdown(t(lang, "evidence.note", note=plain(hara[f"note_{lang}"])))
source_line(hara)

review = trials["Cochrane-2023"]
st.write(t(lang, "evidence.review_text", year=int(sources[review["source_id"]]["year"])))
with st.expander(t(lang, "evidence.more_about_review")):
    st.markdown(t(lang, "evidence.note", note=plain(review[f"note_{lang}"])))
    st.markdown(t(lang, "evidence.when", time=plain(review[f"time_span_{lang}"])))
source_line(review)

st.header(t(lang, "evidence.another_heading"))
another = [trial for trial in trials.values() if trial["comparison"] == "another_stimulator"]
marks, listing = numbered_sources([trial["source_id"] for trial in another], citations)
with st.expander(t(lang, "evidence.another_results", n=len(another)), icon=":material/list:"):
    st.warning(t(lang, "evidence.another_warning"), icon=":material/compare_arrows:")
    stacked_list(
        [
            (
                f"{row['study']}: {row[f'outcome_{lang}']} ({row[f'time_span_{lang}']})",
                [
                    (t(lang, "evidence.another_with"), share(row["value_with"])),
                    (t(lang, "evidence.another_without"), share(row["value_without"])),
                    *([(t(lang, "procedure.good_to_know"), row[f"note_{lang}"])] if row[f"note_{lang}"] else []),
                ],
                mark,
            )
            for row, mark in zip(another, marks, strict=True)
        ]
    )
    st.caption(listing)

with st.expander(t(lang, "evidence.uncertain_heading"), icon=":material/help:"):
    promise = trials["PROMISE-6m"]
    st.markdown(
        "\n".join(
            f"- {line}"
            for line in (
                t(lang, "evidence.uncertain_open_label"),
                t(lang, "evidence.uncertain_funding"),
                t(lang, "evidence.uncertain_switching", note=plain(trials["PROCESS-12m"][f"note_{lang}"])),
                t(
                    lang,
                    "evidence.uncertain_leg_back",
                    with_share=share(promise["value_with"]),
                    without_share=share(promise["value_without"]),
                ),
            )
        )
    )

st.header(t(lang, "evidence.path_heading"))
conversion = trials["Trial-conversion-US"]
path_side, text_side = st.columns(2, gap="medium")
with path_side:
    show_view(views.path_view, conversion, lang)
with text_side:
    st.write(
        t(lang, "evidence.path_trial", share=share(conversion["value_with"]), time=conversion[f"time_span_{lang}"])
    )
    st.write(t(lang, "evidence.path_removed", **views.removals_in_words(risks, lang)))
    st.caption(t(lang, "evidence.path_note"))
    # The sources fold under their heading, so the page stays short on a phone.
    with st.expander(t(lang, "risks.sources_heading"), icon=":material/menu_book:"):
        source_line(conversion)
        source_line(risks["device-removed-5y"])
        source_line(risks["device-removed-se-5y"])

st.header(t(lang, "evidence.fact_box_heading"))
st.write(t(lang, "evidence.fact_box_text"))
benefit_rows = [trials[trial_id] for trial_id in guide.FACT_BOX_BENEFITS]
harm_rows = [risks[risk_id] for risk_id in guide.FACT_BOX_HARMS]
marks, listing = numbered_sources([row["source_id"] for row in benefit_rows + harm_rows], citations)
fact_rows = [
    (
        t(lang, "evidence.fact_benefit", outcome=row[f"outcome_{lang}"]) + f" ({row['study']})",
        share(row["value_with"]),
        f"{row[f'without_{lang}']}: {share(row['value_without'])}",  # who the comparison group were, at that time
        row[f"time_span_{lang}"],
    )
    for row in benefit_rows
] + [
    (
        t(lang, "evidence.fact_harm", name=row[f"name_{lang}"]),
        out_of_100(row["rate_low"], row["rate_high"], lang),
        f"{t(lang, 'evidence.fact_without')}: {t(lang, 'evidence.fact_not_reported')}",
        row[f"time_span_{lang}"] or t(lang, "evidence.fact_no_time"),
    )
    for row in harm_rows
]
# One line per row, so the whole box fits on about one phone screen.
st.markdown(
    "\n".join(
        f"- **{plain(what)} ({plain(time)}):** {t(lang, 'evidence.fact_with')}: {plain(with_scs)};"
        f" {plain(mid_sentence(compared))} {mark}"
        for (what, with_scs, compared, time), mark in zip(fact_rows, marks, strict=True)
    )
)
with st.expander(t(lang, "risks.sources_heading"), icon=":material/menu_book:"):
    st.caption(listing)
