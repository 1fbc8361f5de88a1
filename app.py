"""The router: page config, the frame (settings row or consult bar), and the list of pages."""

from contextlib import nullcontext, suppress

import streamlit as st

from page_parts.checked_data import start_checking_data

# Before the imports below: on the first visit after a start, a child process checks the data meanwhile.
start_checking_data()

from explainer import topics  # noqa: E402
from explainer.text import t  # noqa: E402
from page_parts.frame import (  # noqa: E402
    back_and_next_below,
    consult_bar,
    document_language,
    keep_in_address,
    page_end,
    routed_page,
    settings_row,
    start_session_state,
)
from page_parts.shared import PageStopped, keep_entries_after_a_reconnect, restore_entries  # noqa: E402

start_session_state()
restore_entries()
lang, consult = st.session_state.lang, st.session_state.consult
st.set_page_config(
    page_icon="static/favicon.png",
    layout="wide" if consult else "centered",
    initial_sidebar_state="collapsed" if consult else "auto",
)

pages = {
    topic.address: st.Page(
        topic.page_file,
        title=t(lang, f"app.{topic.app_title}"),
        icon=topic.icon,
        url_path=topic.address or None,
        default=not topic.address,
    )
    for topic in topics.in_app()
}
navigation = st.navigation(list(pages.values()), position="hidden" if consult else "top")
keep_in_address(lang, consult)
if consult:
    consult_bar(lang, pages, navigation.url_path)
else:
    settings_row(lang)
if st.query_params.get("not_found"):  # make serve sends an address the app does not have here
    st.warning(t(lang, "app.not_found"), icon=":material/search_off:")
    del st.query_params["not_found"]
# The topics shown in this session, for the wrap-up's note: in this browser session's memory only.
seen = st.session_state.setdefault("topics_seen", [])
if navigation.url_path not in seen:
    seen.append(navigation.url_path)
# In consult mode the topic sits in a keyed container, so static/consult.css can give it large type.
with routed_page(), st.container(key="consult_topic") if consult else nullcontext(), suppress(PageStopped):
    navigation.run()  # PageStopped: the page has shown its error box; the frame around it still works
if consult:
    st.divider()
    back_and_next_below(lang, pages, navigation.url_path)
else:
    page_end(lang, pages, navigation.url_path)
document_language(lang)
keep_entries_after_a_reconnect()
