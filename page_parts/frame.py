"""The frame around every page: the page table, the settings row, or in consult mode the consult bar."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from explainer import personal, topics, wrapup
from explainer.text import DOCUMENT_LANGUAGE_SCRIPT, LANGUAGES, language_from_locale, t

STATIC = Path(__file__).resolve().parent.parent / "static"

_routing = threading.local()  # per script thread: is app.py running the page right now?


@contextmanager
def routed_page() -> Iterator[None]:
    """app.py runs the page inside this, so the page can tell that it came through the router."""
    _routing.active = True
    try:
        yield
    finally:
        _routing.active = False


def hand_a_legacy_visit_to_the_router() -> None:
    """The one workaround for Streamlit's legacy pages/ discovery (tests/test_streamlit_upgrade.py watches it).

    Until the first st.navigation call after a start, Streamlit 1.67 answers a deep link such as
    /risks by running pages/risks.py alone, without app.py: no language, no consult mode (AppTest does
    the same after switch_page). st.navigation, given the same addresses, switches the legacy
    discovery off; the rerun then goes through app.py.
    """
    if not getattr(_routing, "active", False):
        pages = [st.Page(topic.page_file, url_path=topic.address or None) for topic in topics.in_app()]
        st.navigation(pages, position="hidden")
        st.rerun()


def document_language(lang: str) -> None:
    """Say which language the page is in, and again whenever the reader switches."""
    st.html(DOCUMENT_LANGUAGE_SCRIPT.format(lang=lang), width="content", unsafe_allow_javascript=True)


def start_session_state() -> None:
    """Language and consult mode come from the address when a visit starts (?lang=es&mode=consult),
    else from the browser's language; after that, from the reader's own choices."""
    if "lang" not in st.session_state:
        from_address = st.query_params.get("lang")
        st.session_state.lang = from_address if from_address in LANGUAGES else language_from_locale(st.context.locale)
    if "consult" not in st.session_state:
        st.session_state.consult = st.query_params.get("mode") == "consult"


def address_state() -> dict[str, str]:
    """The query parameters every link carries: the language, and consult mode when it is on."""
    state = {"lang": st.session_state.get("lang"), "mode": "consult" if st.session_state.get("consult") else None}
    return {name: value for name, value in state.items() if value}


def keep_in_address(lang: str, consult: bool) -> None:
    """Write the state back to the address, so every link and reload carries it."""
    st.query_params["lang"] = lang
    if consult:
        st.query_params["mode"] = "consult"
    elif "mode" in st.query_params:
        del st.query_params["mode"]


def language_radio(
    lang: str, where, horizontal: bool = False, label_visibility: str = "visible", with_help: bool = True
) -> None:
    where.radio(
        t(lang, "app.language_label"),
        LANGUAGES,
        format_func=lambda code: t(code, f"language.{code}"),
        key="lang",
        horizontal=horizontal,
        help=t(lang, "app.language_help") if with_help else None,
        label_visibility=label_visibility,
    )


def guide_link(lang: str, where=st, with_help: bool = True) -> None:
    """ "A quick version for your phone": the static guide that opens in about a second on a slow phone."""
    address = wrapup.guide_address(lang)
    if address:
        help_line = f"  \n{t(lang, 'guide.app_quick_link_help')}" if with_help else ""
        where.markdown(f":material/bolt: [{t(lang, 'guide.app_quick_link')}]({address}){help_line}", width="content")


def settings_row(lang: str) -> None:
    """The language and the privacy promise in one compact row above the page (it wraps on a phone).

    Not in a sidebar: a sidebar appears only once the app has run and pushes the whole page aside on a
    desktop (a layout shift of 0.25), while the topics sit in the top bar (on a phone, in its menu, which
    static/patient.css names with a word). Consult mode is at the page's end (page_end), out of a
    patient's way.
    """
    st.html(STATIC / "patient.css")
    # The phone's menu button shows a word beside its arrows, in the page's language (no data text).
    menu_word = json.dumps(t(lang, "app.menu_word"))  # a CSS string: our own word, quoted and escaped
    st.html(f"<style>[data-testid=stExpandSidebarButton]::after {{ content: {menu_word}; }}</style>")
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="settings_row")
    language_radio(lang, row, horizontal=True, label_visibility="collapsed", with_help=False)  # the names say it
    guide_link(lang, row, with_help=False)
    row.caption(f":material/lock: {t(lang, 'app.sidebar_privacy')}", width="content")


def page_end(lang: str, pages: dict[str, st.Page], current: str) -> None:
    """Under every page outside consult mode: the way to the next topic, then consult mode for a doctor."""
    order = list(pages)
    index = order.index(current)
    if index + 1 < len(order):
        following = pages[order[index + 1]]
        label = t(lang, "app.next_topic", topic=following.title)
    else:
        following = pages[order[0]]
        label = t(lang, "app.back_to_start", topic=following.title)
    st.divider()
    st.page_link(following, label=label, icon=":material/arrow_forward:", query_params=address_state())
    with st.container(key="consult_switch"):
        st.caption(t(lang, "app.consult_footer"))
        st.toggle(t(lang, "app.consult_toggle"), key="consult", help=t(lang, "app.consult_toggle_help"))


def consult_order(pages: dict[str, st.Page]) -> list[str]:
    """The topic addresses in the order that fits the patient's priorities."""
    return personal.topic_order(list(pages), st.session_state.get("my_priorities", []))


def consult_bar(lang: str, pages: dict[str, st.Page], current: str) -> None:
    """Large type, one topic per screen, and one row of controls from 1024 px (it wraps on a phone):
    jump to a topic, Back, progress, Next, the language, and the way out."""
    st.html(STATIC / "consult.css")
    order = consult_order(pages)
    index = order.index(current)
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall", key="consult_bar"):
        target = st.selectbox(
            t(lang, "consult.jump"),
            order,
            index=index,
            format_func=lambda address: pages[address].title,
            key=f"jump_from_{current or 'overview'}_{lang}",  # a new picker per language, so it shows the new titles
            label_visibility="collapsed",  # it shows the topic's title; a screen reader still hears "Go to a topic"
            width=170,
        )
        if target != current:
            st.switch_page(pages[target], query_params=address_state())
        step_button(lang, pages, order, index, -1, "top")
        st.progress((index + 1) / len(order), text=t(lang, "consult.progress", current=index + 1, total=len(order)))
        step_button(lang, pages, order, index, +1, "top")
        language_radio(lang, st, horizontal=True, label_visibility="collapsed")  # "English / Español" says it
        if st.button(t(lang, "consult.exit"), icon=":material/close:", help=t(lang, "consult.exit_help"), key="leave"):
            st.session_state.consult = False
            st.rerun()
    st.divider()


def back_and_next_below(lang: str, pages: dict[str, st.Page], current: str) -> None:
    """Back and Next again under a long topic, at the ends of one row."""
    order = consult_order(pages)
    index = order.index(current)
    with st.container(horizontal=True, horizontal_alignment="distribute", key="steps_bottom"):
        step_button(lang, pages, order, index, -1, "bottom")
        step_button(lang, pages, order, index, +1, "bottom")


def step_button(lang: str, pages: dict[str, st.Page], order: list[str], index: int, step: int, where: str) -> None:
    """Back (step -1) or Next (step +1) through the topics, keeping the language and consult mode."""
    target = index + step
    disabled = not 0 <= target < len(order)
    if step < 0:
        pressed = st.button(
            t(lang, "consult.back"), icon=":material/arrow_back:", disabled=disabled, key=f"back_{where}"
        )
    else:
        pressed = st.button(t(lang, "consult.next"), type="primary", disabled=disabled, key=f"next_{where}")
    if pressed:
        st.switch_page(pages[order[target]], query_params=address_state())
