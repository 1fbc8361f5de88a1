"""The risks page: each harm out of 100 with its source, cards from most to least frequent."""

from explainer import data
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text, shown


def test_risks_page_gives_each_harm_out_of_100_with_its_source():
    app = open_page("pages/risks.py")
    text = page_text(app)
    for phrase in (
        "About 2 to 3 out of 100 devices put in",
        "About 30 to 40 out of 100 people with the device",
        "Fewer than 1 out of 100 people",
        "About 18 out of 100 people, within 5 years",
        "About 17 out of 100 people",
        "About 2 out of 100 people, within 30 days",
        "not a cure",
    ):
        assert phrase in text, phrase
    assert text.count("Named in the clinic article") == 3
    citations = data.load_sources(DATA).frame.set_index("source_id")["citation"]
    for source_id in data.load_risks(DATA).frame["source_id"]:
        assert citations[source_id] in text


def test_risks_at_a_glance_list_matches_the_cards_without_a_table():
    app = open_page("pages/risks.py")
    assert not app.get("table") and not app.get("arrow_data_frame")  # no table scripts for this page
    items = next(block.value.splitlines() for block in app.markdown if block.value.startswith("- **Any problem after"))
    risks = data.load_risks(DATA).frame
    assert len(items) == len(risks) - 2, "each study of devices taken out is one line with its two time spans"
    assert any(
        shown(item).startswith("- Infection: About 2 to 3 out of 100 devices put in; the source gives no time span [")
        for item in items
    )
    assert items[-1].startswith("- **Bleeding near the spinal cord**: Fewer than 1 out of 100 people"), "rarest last"
    first, second = (shown(item) for item in items[:2])
    assert "30 to 40 out of 100" in first and "31 out of 100" in second, "the most frequent first"
    removed = [item for item in items if item.startswith("- **Device taken out")]
    assert [shown(item).split(" [")[0] for item in removed] == [
        "- Device taken out (study in Sweden): About 23 out of 100 people, within 5 years;"
        " about 38 out of 100 people, within 10 years",
        "- Device taken out (UK study): About 18 out of 100 people, within 5 years;"
        " about 25 out of 100 people, within 10 years",
    ]


def test_risk_cards_go_from_most_to_least_frequent_and_cite_only_numbers():
    app = open_page("pages/risks.py")
    names = [shown(expander.label) for expander in app.expander][1:]  # the first folds the sources
    assert names[0].startswith("Any problem after the device is put in:") and names[-1].startswith(
        "Bleeding near the spinal"
    )
    assert sum(name.startswith("Device taken out") for name in names) == 2
    nerve_damage = next(expander for expander in app.expander if expander.label.startswith("Nerve damage"))
    assert any("Source:" in caption.value for caption in nerve_damage.caption), "a number, so its source"
    assert any("Source:" in caption.value for caption in app.expander[1].caption)
