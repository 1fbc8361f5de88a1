"""What matters to a patient re-orders the topics and picks the questions."""

from explainer import personal, text

TOPICS = ["", "outcomes", "evidence", "procedure", "risks", "sources"]


def test_no_priorities_keep_the_usual_order():
    assert personal.topic_order(TOPICS, []) == TOPICS


def test_priorities_bring_their_topics_forward_and_keep_the_ends():
    order = personal.topic_order(TOPICS, ["driving", "mri"])
    assert order[0] == "" and order[-1] == "sources"
    assert order[1] == "procedure"
    assert personal.topic_order(TOPICS, ["avoid_surgery"])[1:3] == ["evidence", "risks"]
    with_options = ["", "options", "outcomes", "evidence", "procedure", "risks", "sources"]
    assert personal.topic_order(with_options, ["avoid_surgery"])[1] == "options", "the side-by-side comes first"


def test_questions_fit_the_priorities_and_always_include_the_basics():
    keys = personal.questions_for(["mri", "battery"], pain_today=7)
    assert keys[:2] == ["q_mri", "q_battery"]
    assert "q_good_result" in keys
    assert set(personal.ALWAYS_ASKED) <= set(keys)
    assert "q_good_result" not in personal.questions_for([], pain_today=0)


def test_every_priority_and_question_has_words_in_both_languages():
    keys = {f"for_me.{priority}" for priority in personal.PRIORITIES}
    keys |= {f"questions.{key}" for key in personal.questions_for(list(personal.PRIORITIES), 5)}
    for lang in ("en", "es"):
        assert keys <= text.strings(lang).keys()
