"""Help to decide: what matters to me, a check of what I understood, where I stand, trial-week goals. No Streamlit.

Every figure comes from a data row; nothing here scores the options or picks one. What the patient answers
lives in the browser session only: these functions take it and return words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explainer import data, topics, views
from explainer.text import as_published, mid_sentence, t, whole

# Each feature, written from the patient's side, is one question of data/options.csv: the same cells as /options.
FEATURES = {
    "leg_pain": "relief_leg",
    "back_pain": "relief_back",
    "what_is_done": "involves",
    "what_can_go_wrong": "harms",
    "if_it_fails": "undo",
    "over_time": "over_time",
}
RATINGS = ("not_at_all", "a_little", "some", "a_lot")  # how much a feature matters, least first

# The readiness check, adapted from the four SURE items (Légaré et al. 2010); the help a "no" points to.
READINESS = ("sure", "know", "values", "support")
LEANINGS = ("scs", "current_care", "another_operation", "not_sure")
SURE_SOURCE = (
    "Légaré F, Kearing S, Clay K, et al. Are you SURE? Assessing patient decisional conflict with a 4-item "
    "screening test. Canadian Family Physician 2010;56(8):e308-14"
)
GOALS = 3
GOAL_LENGTH = 60


@dataclass(frozen=True)
class FeatureRow:
    """One feature in the patient's order: how much it matters, and each option's cells from /options."""

    feature: str
    rating: str | None
    cells: dict[str, list[views.OptionEntry]]


def features_in_order(ratings: Mapping[str, str | None], grid: Mapping[str, Mapping]) -> list[FeatureRow]:
    """The features, those that matter most first; unrated ones last; ties keep the table's order. No score."""
    rank = {rating: RATINGS.index(rating) for rating in RATINGS}

    def weight(feature: str) -> int:
        rating = ratings.get(feature)
        return -1 if rating is None else rank[rating]

    ordered = sorted(FEATURES, key=lambda feature: -weight(feature))
    return [FeatureRow(feature, ratings.get(feature), dict(grid[FEATURES[feature]])) for feature in ordered]


@dataclass(frozen=True)
class Answer:
    key: str
    label: str


@dataclass(frozen=True)
class CheckQuestion:
    """One question of the understanding check: three answers, the one that fits the data, feedback, where to read."""

    key: str
    question: str
    answers: tuple[Answer, ...]
    right: str
    feedback: str  # the figures behind the right answer, whichever answer was picked; each question its own
    page: str  # the address of the page that explains it
    source_id: str


def _rows(tables: Mapping[str, list[dict]], name: str, id_column: str) -> dict[str, dict]:
    return {row[id_column]: row for row in tables[name]}


def understanding_check(tables: Mapping[str, list[dict]], lang: str) -> list[CheckQuestion]:
    """Six questions whose right answers are worked out from trials.csv and risks.csv, so they follow the data."""
    words = lambda key, **values: t(lang, f"decide.{key}", **values)  # noqa: E731
    trials = _rows(tables, "trials", "trial_id")
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(tables["risks"])}
    leg, placebo, conversion = (trials[trial_id] for trial_id in topics.DECIDE.ids("trials", "check"))
    with_scs, without_scs = views.share(leg["value_with"], lang), views.share(leg["value_without"], lang)
    # The first question says what the trial compared and in whom; the answers after it name it in short.
    place = {"study": views.trial_in_words(leg, lang, short=True), "time": leg[f"time_span_{lang}"].lower()}
    leg_feedback = {
        side: words(f"check_leg_{side}_feedback", with_share=with_scs, without_share=without_scs, **place)
        for side in ("with", "without")
    }
    most = words("check_almost_all")
    questions = [
        CheckQuestion(
            "leg_with",
            words("check_leg_with", **{**place, "study": views.trial_in_words(leg, lang)}),
            (Answer("without", without_scs), Answer("with", with_scs), Answer("most", most)),
            "with",
            leg_feedback["with"],
            "evidence",
            leg["source_id"],
        ),
        CheckQuestion(
            "leg_without",
            words("check_leg_without", **place),
            (Answer("most", most), Answer("with", with_scs), Answer("without", without_scs)),
            "without",
            leg_feedback["without"],
            "evidence",
            leg["source_id"],
        ),
    ]
    real, fake = -placebo["value_with"], -placebo["value_without"]  # scores went down: the drop in points
    placebo_right = "same" if views.about_the_same(placebo) else "real_more" if real > fake else "fake_more"
    questions.append(
        CheckQuestion(
            "placebo",
            words("check_placebo"),
            tuple(Answer(key, words(f"check_placebo_{key}")) for key in ("real_more", "same", "fake_more")),
            placebo_right,
            words(
                "check_placebo_feedback" if placebo_right == "same" else "check_placebo_feedback_differs",
                real=whole(real),
                fake=whole(fake),
                study=views.trial_in_words(placebo, lang, short=True),
            ),
            "evidence",
            placebo["source_id"],
        )
    )
    repeat, infection = (harms[risk_id] for risk_id in topics.DECIDE.ids("risks", "check"))
    questions.append(
        CheckQuestion(
            "repeat",
            words("check_repeat", time=repeat[f"time_span_{lang}"]),
            (
                Answer("infection", views.risk_rate(infection, lang, with_later=False)),
                Answer("repeat", views.risk_rate(repeat, lang, with_later=False)),
                Answer("most", most),
            ),
            "repeat",
            words("check_repeat_feedback", rate=mid_sentence(views.risk_rate(repeat, lang, with_later=False))),
            "risks",
            repeat["source_id"],
        )
    )
    questions.append(
        CheckQuestion(
            "trial_fails",
            words("check_trial_fails"),
            tuple(Answer(key, words(f"check_trial_fails_{key}")) for key in ("implant", "removed", "operation")),
            "removed",
            words("check_trial_fails_feedback", **views.trial_weeks_in_words(conversion, lang)),
            "procedure",
            conversion["source_id"],
        )
    )
    not_halved = views.share(100 - leg["value_with"], lang)
    questions.append(
        CheckQuestion(
            "cure",
            words("check_cure"),
            tuple(Answer(key, words(f"check_cure_{key}")) for key in ("cure", "trial_cure", "not_cure")),
            "not_cure",
            words("check_cure_feedback", share=not_halved, **place),
            "evidence",
            leg["source_id"],
        )
    )
    return questions


def check_result(questions: list[CheckQuestion], picked: Mapping[str, str | None], lang: str) -> str | None:
    """For the record, only when answered: how many answers fit the figures, and which topics to go over."""
    answered = [question for question in questions if picked.get(question.key)]
    if not answered:
        return None
    missed = [question for question in answered if picked[question.key] != question.right]
    line = t(lang, "decide.note_check", fit=len(answered) - len(missed), answered=len(answered), total=len(questions))
    if missed:
        line += " " + t(lang, "decide.note_go_over", topics="; ".join(t(lang, f"decide.topic_{q.key}") for q in missed))
    return line


def note_lines(
    ratings: Mapping[str, str | None],
    check: str | None,
    readiness: Mapping[str, str | None],
    leaning: str | None,
    goals: list[str],
    lang: str,
) -> list[str]:
    """What the patient answered on the decide page, in plain lines; an empty list when nothing was answered."""
    words = lambda key, **values: t(lang, f"decide.{key}", **values)  # noqa: E731
    lines = []
    most = [words(f"feature_{feature}") for feature in FEATURES if ratings.get(feature) == "a_lot"]
    if most:
        lines.append(f"{words('note_matters_most')}: {'; '.join(most)}")
    elif any(ratings.get(feature) for feature in FEATURES):
        lines.append(f"{words('note_matters_most')}: {words('note_none_a_lot')}")
    if check:
        lines.append(f"{words('note_check_heading')}: {check}")
    said = [
        f"{words(f'ready_{item}')} {words(f'answer_{readiness[item]}')}" for item in READINESS if readiness.get(item)
    ]
    if said:
        lines.append(f"{words('note_readiness')}: {'; '.join(said)}")
    if leaning:
        lines.append(f"{words('note_leaning')}: {words(f'lean_{leaning}')}")
    if goals:
        lines.append(f"{words('note_goals')}: {'; '.join(goals)}")
    return lines


def clean_goals(typed: list[str | None]) -> list[str]:
    """The goals the patient typed, trimmed, the empty ones left out, each at most GOAL_LENGTH characters."""
    return [goal.strip()[:GOAL_LENGTH] for goal in typed if goal and goal.strip()]


def option_titles(lang: str) -> dict[str, str]:
    return {option: t(lang, f"options.option_{option}") for option in data.OPTION_CHOICES}


def paper_context(tables: Mapping[str, list[dict]], lang: str) -> dict:
    """The paper version for the handout and the guide: the same features, questions and answers, to tick by hand."""
    return {
        "features": list(FEATURES),
        "ratings": RATINGS,
        "questions": understanding_check(tables, lang),
        "readiness": READINESS,
        "leanings": LEANINGS,
        "goals": range(1, GOALS + 1),
        "sure_source": as_published(SURE_SOURCE, lang),
    }
