"""What this could mean for me: pain today and priorities re-order the topics and pick the questions."""

import functools

import streamlit as st

from explainer import personal, topics
from explainer.outputs import export
from explainer.text import t
from explainer.views import pain_score
from page_parts.frame import address_state
from page_parts.shared import chosen_pain, current_language, diary_download, loaded_folder, page_download, pain_slider

lang = current_language()
st.title(t(lang, "for_me.title"))
st.write(t(lang, "for_me.intro"))

st.header(t(lang, "for_me.pain_heading"))
pain_slider(lang)
pain_today = chosen_pain()  # None while the control is untouched: then nothing is said about the patient's pain

priority_labels = {priority: t(lang, f"for_me.{priority}") for priority in personal.PRIORITIES}
priorities = st.pills(
    t(lang, "for_me.priorities_label"),
    list(priority_labels),
    selection_mode="multi",
    format_func=priority_labels.get,
    key="my_priorities",
    persist_state="session",  # the consult's order and the wrap-up read it; this browser session's memory only
    help=t(lang, "for_me.priorities_help"),
)

st.header(t(lang, "for_me.topics_heading"))
others = {topic.address: topic for topic in topics.in_app() if topic is not topics.FOR_ME}
for address in personal.topic_order(list(others), priorities):
    topic = others[address]
    st.page_link(
        topic.page_file, label=t(lang, f"app.{topic.app_title}"), icon=topic.icon, query_params=address_state()
    )

st.header(t(lang, "for_me.questions_heading"))
st.write(t(lang, "for_me.questions_intro"))
ticked = []
pain_words = "" if pain_today is None else pain_score(pain_today, lang)  # only the pain question uses it
for key in personal.questions_for(priorities, pain_today):
    question = t(lang, f"questions.{key}", pain=pain_words)
    if st.checkbox(question, key=f"ask_{key}", persist_state="session"):
        ticked.append(question)

st.header(t(lang, "for_me.handout_heading"))
st.write(t(lang, "for_me.handout_text"))
page_download(
    t(lang, "for_me.handout_button"),
    functools.partial(export.handout_html, loaded_folder(), lang, pain_today=pain_today, questions=ticked),
    t(lang, "for_me.handout_filename"),
    "handout",
)

st.header(t(lang, "diary.heading"))
st.write(t(lang, "diary.text"))
diary_download(lang, key="diary_for_me")
