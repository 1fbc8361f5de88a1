"""What matters to you: the options in the patient's order, a check of what they understood, where they stand, goals."""

import streamlit as st

from explainer import data, decide, topics, views
from explainer.text import as_published, escape_markdown, t
from page_parts.frame import address_state
from page_parts.shared import (
    choice_row,
    citations_by_id,
    current_language,
    diary_download,
    loaded_or_stop,
    numbered_sources,
)

lang = current_language()
words = lambda key, **values: t(lang, f"decide.{key}", **values)  # noqa: E731
st.title(words("title"))
st.write(words("intro"))
options = loaded_or_stop("options", lang).to_dict("records")
trials = loaded_or_stop("trials", lang).to_dict("records")
risks = loaded_or_stop("risks", lang).to_dict("records")
citations = citations_by_id(loaded_or_stop("sources", lang))
page_files = {topic.address: topic.page_file for topic in topics.in_app()}

steps = {step: words(f"step_{step}") for step in ("matters", "check", "stand", "goals")}
step = choice_row(words("step_label"), steps, key="decide_step")
rating_labels = {rating: words(f"rating_{rating}") for rating in decide.RATINGS}
answer_labels = {answer: words(f"answer_{answer}") for answer in ("yes", "no")}

if step == "matters":
    st.header(words("matters_heading"))
    st.write(words("matters_intro"))
    ratings = {}
    for feature in decide.FEATURES:
        ratings[feature] = choice_row(
            words(f"feature_{feature}"), rating_labels, f"decide_matters_{feature}", first_picked=False
        )
    st.subheader(words("compare_heading"))
    grid = views.option_grid(options, trials, risks, lang)
    rows = decide.features_in_order(ratings, grid)
    entries = [entry for row in rows for option in data.OPTION_CHOICES for entry in row.cells[option]]
    marks, listing = numbered_sources([source for entry in entries for source in entry.source_ids], citations)
    mark_of = iter(marks)
    for row in rows:
        how_much = words("compare_rated", rating=rating_labels[row.rating]) if row.rating else words("compare_unrated")
        with st.expander(words(f"feature_{row.feature}"), expanded=row.rating == "a_lot"):
            st.caption(how_much)
            columns = st.columns(len(data.OPTION_CHOICES), gap="small")
            for column, option in zip(columns, data.OPTION_CHOICES, strict=True):
                with column, st.container(border=True):
                    st.markdown(f"**{escape_markdown(t(lang, f'options.option_{option}'))}**")
                    for entry in row.cells[option]:
                        entry_marks = " ".join(next(mark_of) for _ in entry.source_ids)
                        if entry.figure:
                            st.markdown(f"**{escape_markdown(entry.figure)}**")
                        st.markdown(f"{escape_markdown(entry.words)} {entry_marks}")
            if decide.FEATURES[row.feature] in views.OPTION_NOTES:  # numbers from different trials: how to read them
                st.warning(t(lang, f"options.note_{decide.FEATURES[row.feature]}"), icon=":material/compare_arrows:")
    with st.expander(words("sources_heading"), icon=":material/menu_book:"):
        st.markdown(listing)
    st.info(words("no_best"), icon=":material/balance:")

elif step == "check":
    st.header(words("check_heading"))
    st.write(words("check_intro"))
    for question in decide.understanding_check({"trials": trials, "risks": risks}, lang):
        labels = {answer.key: answer.label for answer in question.answers}
        picked = choice_row(
            question.question, labels, f"decide_check_{question.key}", first_picked=False, in_a_row=False
        )
        if picked:
            verdict = words("check_fits") if picked == question.right else words("check_not_quite")
            st.info(
                f"**{verdict}** {escape_markdown(question.feedback)} [{escape_markdown(citations[question.source_id])}]"
            )
            st.page_link(
                page_files[question.page], label=words("check_read_more"), icon=":material/arrow_forward:",
                query_params=address_state(),
            )  # fmt: skip

elif step == "stand":
    st.header(words("stand_heading"))
    st.write(words("stand_intro"))
    helps = []
    for item in decide.READINESS:
        said = choice_row(words(f"ready_{item}"), answer_labels, f"decide_ready_{item}", first_picked=False)
        if said == "no":
            helps.append(words(f"help_{item}"))
    if helps:
        st.info(f"**{words('help_next')}**\n\n" + "\n".join(f"- {help_line}" for help_line in helps))
    lean_labels = {leaning: words(f"lean_{leaning}") for leaning in decide.LEANINGS}
    choice_row(
        words("lean_label"),
        lean_labels,
        "decide_leaning",
        first_picked=False,
        in_a_row=False,
        help=words("lean_help"),
    )
    st.caption(words("stand_source", source=as_published(decide.SURE_SOURCE, lang)))

else:
    st.header(words("goals_heading"))
    st.write(words("goals_intro"))
    kept = st.session_state.setdefault("decide_goals", [""] * decide.GOALS)  # text inputs forget on another page
    for index in range(decide.GOALS):
        st.session_state.setdefault(f"decide_goal_{index}", kept[index])
        st.text_input(words("goal_label", n=index + 1), max_chars=decide.GOAL_LENGTH, key=f"decide_goal_{index}")
        kept[index] = st.session_state[f"decide_goal_{index}"]
    diary_download(lang, key="diary_decide")
