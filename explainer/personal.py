"""What matters to one patient: the order of topics and the questions that fit. Computed, never stored."""

from __future__ import annotations

# What a patient can say matters most to them (content keys under [for_me]).
PRIORITIES = ("leg_pain", "back_pain", "fewer_medicines", "avoid_surgery", "battery", "mri", "driving")

# The topics (page addresses) that speak to each priority, most useful first.
TOPICS_FOR = {
    "leg_pain": ("evidence", "options", "outcomes"),
    "back_pain": ("evidence", "options", "risks"),
    "fewer_medicines": ("outcomes", "evidence"),
    "avoid_surgery": ("options", "evidence", "risks"),
    "battery": ("procedure",),
    "mri": ("procedure",),
    "driving": ("procedure",),
}

# Questions to ask the doctor (content keys under [questions]): always, then per priority.
ALWAYS_ASKED = ("q_trial_goal", "q_risks_for_me", "q_if_it_stops")
QUESTIONS_FOR = {
    "leg_pain": ("q_leg_pain",),
    "back_pain": ("q_back_pain",),
    "fewer_medicines": ("q_medicines",),
    "avoid_surgery": ("q_other_surgery", "q_repairs"),
    "battery": ("q_battery",),
    "mri": ("q_mri",),
    "driving": ("q_driving",),
}
PAIN_QUESTION = "q_good_result"


def topic_order(topics: list[str], priorities: list[str]) -> list[str]:
    """The topics re-ordered so the ones that speak to the patient's priorities come first.

    The first topic (the overview) stays first and the last (the sources) stays last;
    ties keep the usual order.
    """
    first, *middle, last = topics
    score = {topic: 0 for topic in middle}
    for priority in priorities:
        for rank, topic in enumerate(TOPICS_FOR.get(priority, ())):
            if topic in score:
                score[topic] += 10 - rank
    return [first, *sorted(middle, key=lambda topic: -score[topic]), last]


def questions_for(priorities: list[str], pain_today: int | None) -> list[str]:
    """The question keys that fit: the priorities' questions first, then the ones everyone should ask."""
    keys = [key for priority in priorities for key in QUESTIONS_FOR.get(priority, ())]
    if pain_today:
        keys.append(PAIN_QUESTION)
    keys += ALWAYS_ASKED
    return list(dict.fromkeys(keys))
