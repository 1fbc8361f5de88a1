"""Wrap-up: the explainer on the patient's phone, a one-page summary to take home, a note for the record."""

import datetime
import functools
import json

import streamlit as st

from explainer import personal, topics, wrapup
from explainer.outputs import export
from explainer.text import t
from explainer.views import pain_score
from page_parts.decide_state import decision_lines
from page_parts.frame import STATIC
from page_parts.shared import (
    PageStopped,
    chosen_pain,
    current_language,
    loaded_folder,
    page_download,
    show_problems,
)

QR_WIDTH = 240  # large enough for a phone camera across a desk

lang = current_language()
st.html(STATIC / "wrap_up.css")
st.title(t(lang, "wrap_up.title"))

# The code beside its words, so on a shared screen (1024 x 768 and up) it is whole on the first screen
# with its address; on a phone the two columns stack.
words, code = st.columns([3, 2], gap="medium", vertical_alignment="top")
words.write(t(lang, "wrap_up.intro"))
words.header(t(lang, "wrap_up.qr_heading"))
address = wrapup.phone_address(lang)
if address:
    words.write(t(lang, "wrap_up.qr_text"))
    alt_text = t(lang, "wrap_up.qr_alt", address=address)
    code.image(str(wrapup.qr_svg(address, alt_text)), width=QR_WIDTH, alt=alt_text)
    code.code(address, language=None, wrap_lines=True)  # printed under the code, for a phone without a camera
else:
    words.info(t(lang, "wrap_up.qr_missing"), icon=":material/qr_code_2:")

# What the patient entered in this session, only if they entered it: nothing is stored.
pain_today = chosen_pain()
pain_words = "" if pain_today is None else pain_score(pain_today, lang)
priorities = tuple(t(lang, f"for_me.{key}") for key in st.session_state.get("my_priorities", []))
asked = personal.questions_for(list(st.session_state.get("my_priorities", [])), pain_today)
questions = tuple(t(lang, f"questions.{key}", pain=pain_words) for key in asked if st.session_state.get(f"ask_{key}"))

folder = loaded_folder()
try:
    tables = export.summary_tables(folder)  # the tables the summary and the note read
except export.DataProblems as broken:
    show_problems(tuple(broken.problems), lang)
    raise PageStopped("wrap-up") from None
decision = decision_lines(lang, tables)  # what the patient answered on "What matters to you", if anything

st.header(t(lang, "wrap_up.summary_heading"))
st.write(t(lang, "wrap_up.summary_text"))
page_download(
    t(lang, "wrap_up.summary_button"),
    functools.partial(export.summary_html, folder, lang, address, pain_today, questions, decision=decision),
    t(lang, "wrap_up.summary_filename"),
    "summary",
    shows_what_was_taken=True,  # the note below says it was downloaded
)

st.header(t(lang, "wrap_up.note_heading"))
st.write(t(lang, "wrap_up.note_help"))
titles = {topic.address: t(lang, f"app.{topic.app_title}") for topic in topics.in_app()}
session = wrapup.Session(
    lang=lang,
    topics_seen=tuple(seen for seen in st.session_state.get("topics_seen", []) if seen != "wrap-up"),
    topic_titles=titles,
    pain_today=pain_today,
    priorities=priorities,
    questions=questions,
    taken_home=tuple(st.session_state.get("taken_home", [])),
    decision=decision,
)
# Streamlit shows a code block's copy button on hover only; wrap_up.css keeps it in view with a word.
copy_word = json.dumps(t(lang, "wrap_up.note_copy"))  # a CSS string: our own word, quoted and escaped
st.html(f"<style>.st-key-record_note [data-testid=stCode] button::after {{ content: {copy_word}; }}</style>")
with st.container(key="record_note"):
    st.code(wrapup.record_note(session, tables, datetime.date.today()), language=None, wrap_lines=True)
