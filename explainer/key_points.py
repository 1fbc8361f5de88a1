"""The key points that open and close the guide's first page, the handout and the summary. No Streamlit.

One build for all three: it is not a cure; how many got their leg pain halved with and without the stimulator;
how many needed another operation on the device; what the placebo trial found; what to do next. Every figure
comes from the rows the topic table names, so a clinic's figures change the box with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from explainer import balance, topics, views
from explainer.balance import Line
from explainer.text import mid_sentence, out_of_100, t

(LEG_PAIN_TRIAL,) = topics.OVERVIEW.ids("trials", "key_leg_pain")
(REPAIR,) = topics.OVERVIEW.ids("risks", "key_repair")
(FADING,) = topics.OVERVIEW.ids("risks", "key_fading")


def key_points(tables: Mapping[str, list[dict]], lang: str) -> tuple[Line, ...]:
    """The five key points in one language, from the verified trials and the risks, as plain rows."""
    trial_of = {trial["trial_id"]: trial for trial in tables["trials"]}
    risk_of = {risk["risk_id"]: risk for risk in tables["risks"]}
    leg, repair, fading = trial_of[LEG_PAIN_TRIAL], risk_of[REPAIR], risk_of[FADING]
    leg_pain = t(
        lang,
        "key_points.leg_pain",
        time=leg[f"time_span_{lang}"],
        with_share=views.share(leg["value_with"], lang),
        without_share=views.share(leg["value_without"], lang),
    )
    repair_text = t(
        lang,
        "key_points.repair",
        share=out_of_100(repair["rate_low"], repair["rate_high"], lang, per=repair[f"per_100_{lang}"]),
        time=mid_sentence(repair[f"time_span_{lang}"]),
    )
    not_a_cure = t(
        lang,
        "key_points.not_a_cure",
        share=mid_sentence(out_of_100(fading["rate_low"], fading["rate_high"], lang, per=fading[f"per_100_{lang}"])),
        time=fading[f"time_span_{lang}"],
    )
    return (
        Line(not_a_cure, fading["source_id"]),
        Line(leg_pain, leg["source_id"]),
        Line(repair_text, repair["source_id"]),
        balance.placebo_line(trial_of, lang),  # the same words as beside the clinic's figures
        Line(t(lang, "key_points.next"), None),
    )
