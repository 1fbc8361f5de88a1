"""Consult mode through AppTest: the bar with back, progress and next, and deep links."""

from tests.pages.reading import open_consult


def test_consult_mode_has_no_settings_row_and_a_bar_with_back_progress_next():
    app = open_consult("pages/overview.py")
    assert not app.exception
    assert not app.sidebar.get("radio") and not app.get("toggle")
    assert [button.label for button in app.button] == ["Back", "Next", "Exit", "Back", "Next"]
    assert app.button(key="back_top").disabled is True and app.button(key="back_bottom").disabled is True
    assert app.get("progress")[0].proto.text == "Topic 1 of 10"
    assert app.selectbox[0].value == "" and app.selectbox[0].format_func("") == "Overview"  # the picker names it
    assert app.radio(key="lang").value == "en"


def test_consult_deep_link_opens_its_topic():
    app = open_consult("pages/risks.py")
    assert app.title[0].value == "Risks and problems"
    assert app.get("progress")[0].proto.text == "Topic 6 of 10"
    assert app.selectbox[0].format_func(app.selectbox[0].value) == "Risks"
    assert app.query_params["mode"] in ("consult", ["consult"])
