"""What the patient answered on "What matters to you", read from this browser session only (never stored)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from explainer import decide


def decision_lines(lang: str, tables: Mapping[str, list[dict]]) -> tuple[str, ...]:
    """The note's and the summary's lines about the decide page; empty when nothing was answered there."""
    state = st.session_state
    ratings = {feature: state.get(f"decide_matters_{feature}") for feature in decide.FEATURES}
    questions = decide.understanding_check(tables, lang)
    picked = {question.key: state.get(f"decide_check_{question.key}") for question in questions}
    readiness = {item: state.get(f"decide_ready_{item}") for item in decide.READINESS}
    goals = decide.clean_goals(state.get("decide_goals", []))
    check = decide.check_result(questions, picked, lang)
    return tuple(decide.note_lines(ratings, check, readiness, state.get("decide_leaning"), goals, lang))
