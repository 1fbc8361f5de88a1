"""The router: page config, the frame (sidebar or consult bar), and the list of pages."""

import streamlit as st

from explainer.text import t
from pages.frame import PAGES, consult_bar, keep_in_address, sidebar, start_session_state

start_session_state()
lang, consult = st.session_state.lang, st.session_state.consult
st.set_page_config(
    page_icon="static/favicon.png",
    layout="wide",
    initial_sidebar_state="collapsed" if consult else "auto",
)

pages = {
    address: st.Page(file, title=t(lang, f"app.{title}"), icon=icon, url_path=address or None, default=not address)
    for file, address, title, icon in PAGES
}
navigation = st.navigation(list(pages.values()), position="hidden" if consult else "sidebar")
keep_in_address(lang, consult)
if consult:
    consult_bar(lang, pages, navigation.url_path)
else:
    sidebar(lang)
navigation.run()
