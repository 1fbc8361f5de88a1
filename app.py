"""The router: page config, the shared sidebar, and the list of pages."""

import streamlit as st

from explainer.text import t
from pages.shared import language_picker

st.set_page_config(page_title="SCS", page_icon="static/favicon.png", layout="wide")

lang = language_picker()
st.sidebar.caption(t(lang, "app.sidebar_privacy"))

PAGES = [
    st.Page("pages/overview.py", title=t(lang, "app.nav_overview"), icon=":material/home:", default=True),
    st.Page("pages/outcomes.py", title=t(lang, "app.nav_outcomes"), icon=":material/bar_chart:", url_path="outcomes"),
    st.Page(
        "pages/procedure.py",
        title=t(lang, "app.nav_procedure"),
        icon=":material/format_list_numbered:",
        url_path="procedure",
    ),
    st.Page("pages/risks.py", title=t(lang, "app.nav_risks"), icon=":material/warning:", url_path="risks"),
    st.Page("pages/sources.py", title=t(lang, "app.nav_sources"), icon=":material/menu_book:", url_path="sources"),
]

st.navigation(PAGES).run()
