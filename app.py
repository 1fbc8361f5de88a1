"""The router: page config, the shared sidebar, and the list of pages."""

import streamlit as st

from explainer.text import t
from pages.shared import language_picker

st.set_page_config(page_icon="static/favicon.png", layout="wide")

lang = language_picker()
st.sidebar.caption(t(lang, "app.sidebar_privacy"))

# (file, address, title key, icon): the addresses are stable, physicians bookmark them.
PAGES = [
    ("pages/overview.py", "", "nav_overview", ":material/home:"),
    ("pages/outcomes.py", "outcomes", "nav_outcomes", ":material/bar_chart:"),
    ("pages/evidence.py", "evidence", "nav_evidence", ":material/fact_check:"),
    ("pages/procedure.py", "procedure", "nav_procedure", ":material/format_list_numbered:"),
    ("pages/risks.py", "risks", "nav_risks", ":material/warning:"),
    ("pages/sources.py", "sources", "nav_sources", ":material/menu_book:"),
]

navigation = st.navigation(
    [
        st.Page(file, title=t(lang, f"app.{title}"), icon=icon, url_path=address or None, default=not address)
        for file, address, title, icon in PAGES
    ]
)
navigation.run()
