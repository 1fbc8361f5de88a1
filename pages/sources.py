"""Sources: every source, what it is, its year, which figures use it, when it was last reviewed."""

import pandas as pd
import streamlit as st

from explainer.text import escape_markdown, long_date, t
from page_parts.shared import current_language, load, loaded_or_stop

lang = current_language()

# Each source sits in the group of the first file that uses it; the clinic article stays open, the rest fold.
GROUPS = ("clinic", "trials", "risks", "guides", "unused")
USERS = [
    ("outcomes", "clinic", "sources.outcome_item", lambda row: row[f"result_{lang}"]),
    ("trials", "trials", "sources.trial_item",
     lambda row: f"{row['study']}, {row[f'outcome_{lang}']} ({row[f'time_span_{lang}']})"),
    ("risks", "risks", "sources.risk_item", lambda row: row[f"name_{lang}"]),
    ("procedure", "guides", "sources.step_item", lambda row: row[f"title_{lang}"]),
    ("trial_week", "guides", "sources.tip_item", lambda row: row[f"tip_{lang}"]),
]  # fmt: skip


def uses_of_each_source() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Which figures, risks, steps, trial results and clinic details name each source id, and its group."""
    uses: dict[str, list[str]] = {}
    group_of: dict[str, str] = {}
    for name, group, label_key, name_of in USERS:
        loaded = load(name)
        if loaded.ok:
            for row in loaded.frame.to_dict("records"):
                uses.setdefault(row["source_id"], []).append(t(lang, label_key, name=name_of(row)))
                group_of.setdefault(row["source_id"], group)
    clinic = load("clinic")
    if clinic.ok:
        for source_id in clinic.frame["source_id"]:
            uses.setdefault(source_id, []).append(t(lang, "sources.clinic_item"))
            group_of[source_id] = "clinic"
    return uses, group_of


def source_card(source: dict, items: list[str] | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(source['citation'])}**")
        st.markdown(t(lang, "sources.what_it_is", kind=escape_markdown(source[f"kind_{lang}"])))
        year = (
            t(lang, "sources.year_unknown")
            if pd.isna(source["year"])
            else t(lang, "sources.year", year=int(source["year"]))
        )
        st.markdown(f"{year} · {t(lang, 'sources.last_reviewed', date=long_date(source['last_reviewed'], lang))}")
        if source["link"]:
            st.markdown(f"[{t(lang, 'sources.open_link')}]({source['link']})")  # checked: https, no spaces or quotes
        if items:
            st.markdown(t(lang, "sources.used_for") + "\n" + "\n".join(f"- {escape_markdown(item)}" for item in items))
        else:
            st.markdown(t(lang, "sources.used_for_nothing"))


st.title(t(lang, "sources.title"))
sources = loaded_or_stop("sources", lang)
st.write(t(lang, "sources.intro"))

uses, group_of = uses_of_each_source()
by_group: dict[str, list[dict]] = {group: [] for group in GROUPS}
for source in sources.to_dict("records"):
    by_group[group_of.get(source["source_id"], "unused")].append(source)
for group in GROUPS:
    members = by_group[group]
    if not members:
        continue
    if group == "clinic":
        for source in members:
            source_card(source, uses.get(source["source_id"]))
        continue
    with st.expander(t(lang, f"sources.group_{group}", n=len(members)), icon=":material/menu_book:"):
        for source in members:
            source_card(source, uses.get(source["source_id"]))
