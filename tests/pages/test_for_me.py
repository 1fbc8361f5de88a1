"""The For me page: priorities reorder the topics and offer fitting questions."""

from tests.pages.reading import open_page


def test_for_me_reorders_topics_and_offers_fitting_questions():
    app = open_page("pages/for-me.py")
    links = [link.proto.label for link in app.get("page_link") if not link.proto.label.startswith("Next: ")]
    assert links[0] == "Overview" and links[-3:] == ["Sources", "What matters to you", "Wrap-up"]
    app.pills(key="my_priorities").set_value(["driving", "mri"]).run()
    links = [link.proto.label for link in app.get("page_link") if not link.proto.label.startswith("Next: ")]
    assert links[1] == "Procedure"
    questions = [box.label for box in app.checkbox]
    assert questions[:2] == [
        "When can I drive again after the trial week and after the permanent device goes in?",
        "Can I have MRI scans with this device? Which kinds?",
    ]
    assert not any(question.startswith("My pain today") for question in questions)  # the control is untouched
    app.slider(key="my_pain").set_value(7).run()
    questions = [box.label for box in app.checkbox]
    assert "My pain today is 7 out of 10. What result would make this worth it for me?" in questions
    app.checkbox(key="ask_q_mri").check().run()
    assert app.checkbox(key="ask_q_mri").value is True
    assert len(app.get("download_button")) == 2  # the handout and the trial week diary
