"""The take-home pages' grids of 100 people: the key points' trial with and without the stimulator, and the main
harms in the same form. One build for the guide's first page, the handout and the summary."""

from __future__ import annotations

from explainer import balance, charts, topics, views
from explainer.key_points import LEG_PAIN_TRIAL
from explainer.outputs.render import svg_figure
from explainer.source_list import kinds_of_study
from explainer.text import mid_sentence, t


def leg_pain_grids(trials: list[dict], lang: str, width: int | None = None, legend: bool = True) -> list[dict]:
    """The key points' trial as two grids of 100 people, with and without the stimulator: on the guide's first
    page, the handout and the summary, each with its title, its text alternative, its key in words and its source.
    Without the legend in the drawing (legend=False) the page prints the key."""
    trial = next(row for row in trials if row["trial_id"] == LEG_PAIN_TRIAL)
    grids = []
    for side in ("with", "without"):
        view = views.trial_side_view(trial, lang, side)
        title = t(
            lang, "evidence.grid_title", label=trial[f"{side}_{lang}"], share=views.share(trial[f"value_{side}"], lang)
        )
        grids.append(
            {
                "title": title,
                "alt": view.alt_text,
                "svg": svg_figure(view, width, legend),
                "key": view.key,
                "source_id": trial["source_id"],
            }
        )
    return grids


def key_in_words(grids: list[dict]) -> list[str]:
    """The grids' legends in words, each kind of dot once, in the legends' order, with each of its labels once: for a
    page that prints its grids small ("● Had this problem / Happened within 5 years")."""
    labels: dict[str, dict[str, None]] = {}
    for entry in (entry for grid in grids for entry in grid["key"]):
        symbol, label = entry.split(" ", 1)
        labels.setdefault(symbol, {})[label] = None
    order = list(charts.SYMBOL.values())  # had, might have, had later, did not: as each drawing's legend
    return [f"{symbol} {' / '.join(labels[symbol])}" for symbol in sorted(labels, key=order.index)]


def harm_grids(
    risks: list[dict], sources: list[dict], lang: str, legend: bool = True, risk_ids: tuple[str, ...] | None = None
) -> list[dict]:
    """Harms as grids of 100 people, in the same form as the benefits' grids, each with its title, what it means
    and what kind of study counted it (its about), its text alternative, its key in words and its source: the main
    harms (topics.OVERVIEW) unless risk_ids names others. A harm counted over two time spans says both in its title,
    and its dots show both (views.risk_view). Every harm a page gives a number for has its picture (CDC Index 20)."""
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(risks)}
    kind_of = kinds_of_study(sources, lang)
    grids = []
    for risk_id in topics.OVERVIEW.ids("risks", "harm_grids") if risk_ids is None else risk_ids:
        harm = harms[risk_id]
        view = views.risk_view(harm, lang)
        if view is None:  # too rare for a grid of 100: the harms' table says it in words
            continue
        rate = mid_sentence(views.risk_rate(harm, lang))  # "Infection: about 2 to 3 out of 100", as the lines say
        title = t(lang, "handout.harm_grid_title", name=harm[f"name_{lang}"], rate=rate)
        grids.append(
            {
                "title": title,
                "about": balance.harm_about(harm, kind_of[harm["source_id"]], lang),
                "alt": view.alt_text,
                "svg": svg_figure(view, legend=legend),
                "key": view.key,
                "source_id": harm["source_id"],
            }
        )
    return grids


def drawable(risks: list[dict]) -> tuple[str, ...]:
    """The harms a grid of 100 can show (1 out of 100 or more), the most frequent first: the handout draws them
    all and lists only the rarer ones in its table."""
    return tuple(harm["risk_id"] for harm in views.by_how_often(risks) if views.has_grid(harm))
