"""The outcomes page: charts with their numbers in text, the pain control, the icon arrays."""

import json

from tests.pages.reading import charts_of, open_page, page_text


def test_outcomes_charts_carry_their_numbers_in_text_alternatives():
    app = open_page("pages/outcomes.py")
    alts = [chart.proto.alt for chart in charts_of(app)]
    assert len(alts) == 5 and all(alts)
    assert any("50% to 70%" in alt for alt in alts)
    assert any("85 filled dots" in alt and "15 rings" in alt for alt in alts)
    assert any("72 filled dots" in alt and "28 rings" in alt for alt in alts)
    assert any("quality of life" in alt and "50%" in alt for alt in alts)
    text = page_text(app)
    assert "85 out of 100 people" in text and "72 out of 100 people" in text
    assert text.count("Cited by the clinic article") == 4


def test_outcomes_pain_control_shows_what_the_range_means():
    app = open_page("pages/outcomes.py")
    assert "leave it at about 2 to 4 out of 10" in page_text(app)
    app.slider(key="my_pain").set_value(5).run()
    assert "If your pain today is 5 out of 10" in page_text(app)
    assert "about 2 to 3 out of 10" in page_text(app)  # whole numbers in the sentence, the exact ones in the chart
    assert any(
        "Today: 5 out of 10. After a drop of 50% to 70%: about 1.5 to 2.5" in chart.proto.alt
        for chart in charts_of(app)
    )
    app.slider(key="my_pain").set_value(0).run()
    assert "nothing to lower" in page_text(app)


def test_pain_entered_on_one_page_is_remembered_on_another_in_this_session():
    app = open_page("pages/for-me.py")
    app.slider(key="my_pain").set_value(6).run()
    # AppTest's switch_page run still sends the last page's widgets (see open_page); a browser does not.
    app.switch_page("pages/outcomes.py").run().run()
    assert "If your pain today is 6 out of 10" in page_text(app)


def test_the_icon_arrays_say_what_the_empty_rings_mean():
    alts_and_specs = " ".join(
        json.dumps(chart.proto.spec) for chart in open_page("pages/outcomes.py").get("vega_lite_chart")
    )
    assert "Did not get this result" in alts_and_specs and "Did not report" not in alts_and_specs
