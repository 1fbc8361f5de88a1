"""The loader: every rule, and the message each one prints."""

import pytest

from explainer import data
from explainer.text import problem_message, t
from tests.conftest import DATA, replace_in


def messages(folder) -> list[str]:
    return [f"{p.where()}: {problem_message(p, 'en')}" for p in data.check_data(folder).problems]


def test_bundled_data_is_valid_and_typed():
    report = data.check_data(DATA)
    assert report.problems == []
    assert report.row_counts["outcomes.csv"] == 4
    outcomes = data.load_outcomes(DATA).frame
    assert outcomes.set_index("figure_id").loc["pain-reduction", ["value_low", "value_high"]].tolist() == [50, 70]
    assert sorted(outcomes["value_low"]) == [50, 50, 72, 85]
    steps = data.load_procedure(DATA).frame
    assert list(steps["order"]) == sorted(steps["order"])


def test_the_article_figures_keep_their_attribution():
    outcomes = data.load_outcomes(DATA).frame
    assert set(outcomes["source_id"]) == {"clinic-article"}
    # Said once where the four figures are introduced, and "Cited by the clinic article" beside each one.
    assert "does not say which studies" in t("en", "outcomes.intro")
    assert "No dice de qué estudios" in t("es", "outcomes.intro")
    assert "Cited by the clinic article" in t("en", "outcomes.source")


def test_every_row_names_a_source_that_exists():
    known = set(data.load_sources(DATA).frame["source_id"])
    for loader in (data.load_outcomes, data.load_risks, data.load_procedure, data.load_clinic):
        assert set(loader(DATA).frame["source_id"]) <= known


def test_byte_order_mark_is_accepted(data_copy):
    path = data_copy / "outcomes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert data.load_outcomes(data_copy).ok


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("outcomes.csv", ",50,70,", ",abc,70,", 'outcomes.csv:2:value_low: "abc" is not a number'),
        (
            "outcomes.csv",
            ",50,70,",
            ",50,170,",
            "outcomes.csv:2:value_high: 170 is outside the allowed range of 0 to 100",
        ),
        ("outcomes.csv", ",50,70,", ",-5,70,", "outcomes.csv:2:value_low: -5 is outside the allowed range of 0 to 100"),
        ("outcomes.csv", ",50,70,", ",80,70,", "outcomes.csv:2:value_low: the low value 80 is above the high value 70"),
        ("outcomes.csv", ",50,70,", ",nan,70,", 'outcomes.csv:2:value_low: "nan" is not a number'),
        ("outcomes.csv", ",50,70,", ",,70,", "outcomes.csv:2:value_low: this cell is empty but must have a value"),
        (
            "outcomes.csv",
            "pain_reduction,",
            "pain,",
            'outcomes.csv:2:measure: "pain" is not allowed here; use one of: pain_reduction, share_of_patients',
        ),
        (
            "outcomes.csv",
            "relief-share-72,",
            "relief-share-85,",
            'outcomes.csv:4:figure_id: the id "relief-share-85" is already used in row 3',
        ),
        (
            "outcomes.csv",
            "relief-share-72,",
            "relief share,",
            'outcomes.csv:4:figure_id: "relief share" is not a valid id: use only letters, numbers, - and _',
        ),
        ("outcomes.csv", "value_low,", "value_lo,", "outcomes.csv:1:value_low: this column is missing"),
        ("outcomes.csv", "value_low,", "value_lo,", "outcomes.csv:1:value_lo: this column is not one the app knows"),
        ("outcomes.csv", "value_high,", "value_low,", "outcomes.csv:1:value_low: this column appears more than once"),
        (
            "risks.csv",
            ",2.45,2.45,",
            ",2.45,,",
            "risks.csv:3:rate_high: fill in both this column and rate_low, or leave both empty",
        ),
        (
            "risks.csv",
            "kumar-2008",
            "nobody-2020",
            'risks.csv:8:source_id: the source id "nobody-2020" is not in sources.csv',
        ),
        ("risks.csv", "Infection,", "Infec\x07tion,", "risks.csv:3:name_en: the text has hidden control characters"),
        ("procedure.csv", "\ntrial,2,", "\ntrial,two,", 'procedure.csv:3:order: "two" is not a number'),
        ("procedure.csv", "\ntrial,2,", "\ntrial,2.5,", 'procedure.csv:3:order: "2.5" must be a whole number'),
        (
            "sources.csv",
            ",2016,2026-11-24",
            ",2016,24/11/2026",
            'sources.csv:5:last_reviewed: "24/11/2026" is not a date; write it as YYYY-MM-DD',
        ),
        (
            "sources.csv",
            ",2016,2026-11-24",
            ",1066,2026-11-24",
            "sources.csv:5:year: 1066 is outside the allowed range of 1900 to 2100",
        ),
        (
            "sources.csv",
            "https://doi.org/10.1111/ner.12199",
            "javascript:alert(1)",
            'sources.csv:22:link: "javascript:alert(1)" is not a full web address; write it out, starting with https://',
        ),
        (
            "sources.csv",
            "https://doi.org/10.1111/ner.12199",
            "https://doi.org/10.1111/ner 12199",
            'sources.csv:22:link: "https://doi.org/10.1111/ner 12199" is not a full web address',
        ),
        (
            "clinic.csv",
            "Aspire",
            "\nSecond,row,x,y,clinic-article\nAspire",
            "clinic.csv:-:-: there must be exactly one row, but there are 2",
        ),
    ],
)
def test_each_rule_names_file_row_column(data_copy, file, old, new, expected):
    replace_in(data_copy / file, old, new)
    assert any(line.startswith(expected) for line in messages(data_copy)), messages(data_copy)


def test_a_row_with_too_many_cells(data_copy):
    with open(data_copy / "outcomes.csv", "a", encoding="utf-8") as file:
        file.write("extra,share_of_patients,1,1,a,b,c,d,e,f,clinic-article,surplus\n")
    assert "outcomes.csv:6:-: this row has 12 cells, but the header has 11" in messages(data_copy)


def test_bytes_that_are_not_utf8(data_copy):
    (data_copy / "risks.csv").write_bytes(b"risk_id,name_en\nx,caf\xe9\n")
    assert messages(data_copy) == ['risks.csv:2:-: the file is not saved as UTF-8 text; save it again as "CSV UTF-8"']


def test_binary_junk_and_nul_bytes(data_copy):
    (data_copy / "procedure.csv").write_bytes(b"step_id\x00,order\n")
    assert messages(data_copy) == ["procedure.csv:1:-: the file has a zero byte in it and may not be a text file"]


def test_unclosed_quote(data_copy):
    (data_copy / "clinic.csv").write_text('clinic_name,physician\n"Aspire,x\n', encoding="utf-8")
    assert messages(data_copy)[0].startswith("clinic.csv:2:-: the file is not valid CSV")


def test_missing_and_empty_files(data_copy):
    (data_copy / "risks.csv").unlink()
    (data_copy / "procedure.csv").write_text("\n\n", encoding="utf-8")
    found = messages(data_copy)
    assert "risks.csv:-:-: the file is missing from the clinic's data folder" in found
    assert "procedure.csv:-:-: the file is empty" in found


def test_header_only(data_copy):
    (data_copy / "outcomes.csv").write_text(",".join(data.column_names("outcomes.csv")) + "\n", encoding="utf-8")
    assert messages(data_copy) == ["outcomes.csv:-:-: the file has a header but no rows"]


def test_oversized_file(data_copy):
    (data_copy / "risks.csv").write_text("x" * (data.MAX_FILE_BYTES + 1), encoding="utf-8")
    assert messages(data_copy) == ["risks.csv:-:-: the file is larger than 1000 KB"]


def test_broken_sources_are_reported_once_and_block_source_checks(data_copy):
    replace_in(data_copy / "sources.csv", ",2016,2026-11-24", ",2016,soon")
    found = messages(data_copy)
    assert found[0] == 'sources.csv:5:last_reviewed: "soon" is not a date; write it as YYYY-MM-DD'
    assert (
        "outcomes.csv:-:source_id: the sources file has problems, so the sources of this file cannot be checked"
        in found
    )
    loaded = data.load_outcomes(data_copy)
    assert loaded.frame is None and len(loaded.problems) == 2


def test_a_broken_file_leaves_the_others_loadable(data_copy):
    (data_copy / "risks.csv").write_bytes(b"\xff\xfe")
    assert not data.load_risks(data_copy).ok
    assert data.load_outcomes(data_copy).ok
    assert data.load_procedure(data_copy).ok


def test_nothing_is_silently_changed(data_copy):
    """Values are kept as written: text is not rewritten, numbers keep their decimals."""
    risks = data.load_risks(data_copy).frame.set_index("risk_id")
    assert risks.loc["infection", "rate_low"] == 2.45
    assert risks.loc["lead-migration", ["rate_low", "rate_high"]].tolist() == [7.6, 12.6]
    assert risks.loc["nerve-damage", "rate_low"] == 2.13
