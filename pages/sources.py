"""Sources: every source, what it is, its year, which figures use it, when it was last reviewed."""

import datetime

import streamlit as st

from explainer import about, data, readability
from explainer.source_list import GROUPS, SourceCard, source_cards
from explainer.text import escape_markdown, t
from page_parts.shared import current_language, load, loaded_or_stop

lang = current_language()


def source_card(card: SourceCard) -> None:
    with st.container(border=True):
        st.markdown(f"**{card.citation}**")
        st.markdown(card.kind)
        st.markdown(f"{card.year} · {card.reviewed}")
        if card.link:
            st.markdown(f"[{t(lang, 'sources.open_link')}]({card.link})")  # checked: https, no spaces or quotes
        if card.uses:
            st.markdown(t(lang, "sources.used_for") + "\n" + "\n".join(f"- {use}" for use in card.uses))
        else:
            st.markdown(t(lang, "sources.used_for_nothing"))


st.title(t(lang, "sources.title"))
sources = loaded_or_stop("sources", lang)
st.write(t(lang, "sources.intro"))
st.write(readability.reading_level(lang))

clinic = load("clinic")
reviewed = about.about(
    sources.to_dict("records"), clinic.frame.iloc[0] if clinic.ok else None, lang, datetime.date.today()
)
st.header(t(lang, "about.heading"))
if reviewed.overdue:
    st.warning(t(lang, "about.overdue"), icon=":material/event_busy:")
st.markdown("\n".join(f"- {escape_markdown(line)}" for line in reviewed.lines if line != t(lang, "about.overdue")))

# The tables that name a source; a broken one adds no uses, and the other cards still show.
users = {name: load(name) for name in data.LOADERS if name not in ("sources", "options")}
tables = {name: loaded.frame.to_dict("records") for name, loaded in users.items() if loaded.ok}
cards = source_cards({**tables, "sources": sources.to_dict("records")}, lang)
# The clinic article stays open, the rest fold under their group.
for group in GROUPS:
    members = [card for card in cards if card.group == group]
    if not members:
        continue
    if group == "clinic":
        for card in members:
            source_card(card)
        continue
    with st.expander(t(lang, f"sources.group_{group}", n=len(members)), icon=":material/menu_book:"):
        for card in members:
            source_card(card)
