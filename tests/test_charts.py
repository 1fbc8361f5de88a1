"""Chart builders: the spec carries the right numbers and encodings, and measures never share a chart."""

import json

import pytest

from explainer import charts

ICON_WORDS = charts.IconArrayWords("", "Had it", "Might have", "Did not", "Person", "Group")
RANGE_WORDS = charts.RangeWords("Title", "How much pain went down", "50% to 70%", "Measure", "Result")


def spec(chart) -> dict:
    return json.loads(chart.to_json())


def datasets(chart) -> list[list[dict]]:
    return list(spec(chart)["datasets"].values())


def test_icon_array_draws_100_people_with_the_rest_visible():
    people = datasets(charts.icon_array_chart(85, 85, ICON_WORDS))[0]
    assert len(people) == 100
    groups = [person["group"] for person in people]
    assert groups.count("Had it") == 85 and groups.count("Did not") == 15
    encoding = spec(charts.icon_array_chart(85, 85, ICON_WORDS))["encoding"]
    assert encoding["shape"]["scale"]["range"][0] == "circle"
    assert encoding["shape"]["scale"]["range"][1] != "circle", "the two groups must differ in shape, not only colour"
    assert {"person", "group"} <= {item["field"] for item in encoding["tooltip"]}


def test_icon_array_shows_a_range_as_its_own_group():
    groups = [person["group"] for person in datasets(charts.icon_array_chart(7.6, 12.6, ICON_WORDS))[0]]
    assert (groups.count("Had it"), groups.count("Might have"), groups.count("Did not")) == (8, 5, 87)


def test_pain_reduction_is_a_range_on_the_whole_scale():
    chart_spec = spec(charts.amount_of_change_chart(50, 70, RANGE_WORDS))
    amount = next(rows for rows in chart_spec["datasets"].values() if "label" in rows[0])[0]
    assert (amount["start"], amount["end"]) == (50, 70), "drawn as a range, never one point"
    x = chart_spec["layer"][1]["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 100]
    assert x["axis"]["title"] == "How much pain went down"


def test_a_single_amount_is_drawn_from_zero():
    chart_spec = spec(charts.amount_of_change_chart(50, 50, RANGE_WORDS))
    amount = next(rows for rows in chart_spec["datasets"].values() if "label" in rows[0])[0]
    assert (amount["start"], amount["end"]) == (0, 50)


@pytest.mark.parametrize(("pain", "expected"), [(8, (2.4, 4.0)), (10, (3.0, 5.0)), (0, (0.0, 0.0))])
def test_pain_after_relief(pain, expected):
    assert charts.pain_after_relief(pain, 50, 70) == pytest.approx(expected)


def test_pain_today_chart_carries_both_bars():
    words = charts.PainTodayWords(
        "", "Pain score", "Today", "After", "Row", "Pain", "8 out of 10", "2.4 to 4 out of 10"
    )
    rows = datasets(charts.pain_today_chart(8, (2.4, 4.0), words))[0]
    assert [(row["row"], row["start"], row["end"]) for row in rows] == [("Today", 0, 8), ("After", 2.4, 4.0)]


def test_shares_and_amounts_never_share_a_chart():
    """An amount chart holds one measure; an icon array holds one share: no builder mixes them."""
    amount = spec(charts.amount_of_change_chart(50, 70, RANGE_WORDS))
    share = spec(charts.icon_array_chart(85, 85, ICON_WORDS))
    assert all(len(rows) <= 1 for rows in amount["datasets"].values())
    assert "layer" not in share and len(share["datasets"]) == 1


def test_axis_percent_sign_follows_the_language():
    spanish = charts.RangeWords("T", "Eje", "50 % a 70 %", "M", "R", percent_suffix="\u00a0%")
    axis = spec(charts.amount_of_change_chart(50, 70, spanish))["layer"][1]["encoding"]["x"]["axis"]
    assert axis["labelExpr"] == 'datum.value + "\\u00a0%"'
