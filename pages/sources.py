"""Sources: every source, what it is, its year, which figures use it, when it was last reviewed."""

import pandas as pd
import streamlit as st

from explainer.text import long_date, t
from pages.shared import current_language, load, loaded_or_stop, plain

lang = current_language()


def uses_of_each_source() -> dict[str, list[str]]:
    """Which figures, risks, steps, trial results and clinic details name each source id."""
    uses: dict[str, list[str]] = {}
    for loader, label_key, name_of in [
        ("load_outcomes", "sources.outcome_item", lambda row: row[f"result_{lang}"]),
        ("load_risks", "sources.risk_item", lambda row: row[f"name_{lang}"]),
        ("load_procedure", "sources.step_item", lambda row: row[f"title_{lang}"]),
        ("load_trial_week", "sources.tip_item", lambda row: row[f"tip_{lang}"]),
        ("load_trials", "sources.trial_item",
         lambda row: f"{row['study']}, {row[f'outcome_{lang}']} ({row[f'time_span_{lang}']})"),
    ]:  # fmt: skip
        loaded = load(loader)
        if loaded.ok:
            for row in loaded.frame.to_dict("records"):
                uses.setdefault(row["source_id"], []).append(t(lang, label_key, name=name_of(row)))
    clinic = load("load_clinic")
    if clinic.ok:
        for source_id in clinic.frame["source_id"]:
            uses.setdefault(source_id, []).append(t(lang, "sources.clinic_item"))
    return uses


st.title(t(lang, "sources.title"))
sources = loaded_or_stop("load_sources", lang)
st.write(t(lang, "sources.intro"))

uses = uses_of_each_source()
for source in sources.to_dict("records"):
    with st.container(border=True):
        st.markdown(f"**{plain(source['citation'])}**")
        st.markdown(t(lang, "sources.what_it_is", kind=plain(source[f"kind_{lang}"])))
        if pd.isna(source["year"]):
            st.markdown(t(lang, "sources.year_unknown"))
        else:
            st.markdown(t(lang, "sources.year", year=int(source["year"])))
        items = uses.get(source["source_id"])
        if items:
            st.markdown(t(lang, "sources.used_for") + "\n" + "\n".join(f"- {plain(item)}" for item in items))
        else:
            st.markdown(t(lang, "sources.used_for_nothing"))
        st.markdown(t(lang, "sources.last_reviewed", date=long_date(source["last_reviewed"], lang)))
