"""A clinic's data folder that links away, figures the sentences cannot say, text that would become a link."""

import datetime

import pytest

from explainer import data, data_folder
from explainer.text import problem_message
from tests.conftest import replace_in
from tests.pages.reading import open_page, shown

PASSWD_LINE = "root:x:0:0"


def messages(folder) -> list[str]:
    return [f"{p.where()}: {problem_message(p, 'en')}" for p in data.check_data(folder).problems]


def test_a_link_to_nothing_is_a_missing_file_not_a_crash(data_copy, monkeypatch, tmp_path):
    (data_copy / "risks.csv").unlink()
    (data_copy / "risks.csv").symlink_to(tmp_path / "gone.csv")
    assert ("risks.csv", 0, -1) in data_folder.stamp(data_copy)
    assert "risks.csv:-:-: the file is missing from the clinic's data folder" in messages(data_copy)
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    app = open_page("pages/risks.py")
    assert not app.exception
    box = shown("\n".join(error.value for error in app.error))
    assert "risks.csv: the file is missing from the clinic's data folder" in box
    assert str(data_copy) not in box  # the server's folders are not a patient's business


@pytest.mark.parametrize("target", ["/etc/passwd", "outside/sources.csv"])
def test_a_link_out_of_the_folder_is_refused_and_never_shown(data_copy, monkeypatch, tmp_path, target):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sources.csv").write_text(f"{PASSWD_LINE}:root:/root:/bin/bash\n", encoding="utf-8")
    (data_copy / "sources.csv").unlink()
    (data_copy / "sources.csv").symlink_to(target if target.startswith("/") else tmp_path / target)
    said = messages(data_copy)
    assert "sources.csv:-:-: the file is a link to a place outside the data folder" in said[0]
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    app = open_page("pages/sources.py")
    assert not app.exception and app.error
    assert all(PASSWD_LINE not in element.value for element in [*app.error, *app.markdown])


def test_a_link_inside_the_folder_is_still_read(data_copy):
    (data_copy / "originals").mkdir()
    (data_copy / "risks.csv").rename(data_copy / "originals" / "risks.csv")
    (data_copy / "risks.csv").symlink_to(data_copy / "originals" / "risks.csv")
    assert data.check_data(data_copy).problems == []


def test_a_change_that_got_worse_is_a_problem_never_went_down(data_copy):
    replace_in(data_copy / "trials.csv", ",-10.6,-9.3,points,", ",10.6,9.3,points,")
    assert messages(data_copy) == [
        "trials.csv:14:value_with: 10.6 means the score went up (got worse), but the app says this change as "
        "how much it went down; check the sign of the number",
        "trials.csv:14:value_without: 9.3 means the score went up (got worse), but the app says this change as "
        "how much it went down; check the sign of the number",
    ]


def test_a_review_date_still_to_come_is_a_problem(data_copy):
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    replace_in(data_copy / "sources.csv", ",,2026-11-24,", ",,2099-01-01,")
    replace_in(data_copy / "sources.csv", "2099-01-01", future)
    assert messages(data_copy)[0] == (
        f"sources.csv:2:last_reviewed: {future} is a date that has not come yet; "
        "write the date the source was last reviewed"
    )


def test_a_link_cell_cannot_add_an_image(data_copy, monkeypatch):
    injected = "https://x/a)![x](https://evil.example/pixel.png)"
    replace_in(data_copy / "sources.csv", "https://www.nice.org.uk/guidance/ta159", injected)
    said = messages(data_copy)[0]
    assert said.endswith(f'"{injected}" is not a full web address; write it out, starting with https://')
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    sources_page = open_page("pages/sources.py")
    assert not any("](https://evil.example" in element.value for element in sources_page.markdown)


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ('"=HYPERLINK(""https://evil.example"")"', "formula_in_text"),
        ("See https://evil.example/a", "address_in_text"),
        ("See www.evil.example", "address_in_text"),
        ("Write to me@evil.example", "address_in_text"),
    ],
)
def test_text_that_would_become_a_link_or_a_formula_is_a_problem(data_copy, cell, code):
    replace_in(
        data_copy / "sources.csv",
        "A clinic's article for patients. It does not name the studies behind its numbers.",
        cell,
    )
    problem = data.check_data(data_copy).problems[0]
    assert (problem.where(), problem.code) == ("sources.csv:2:kind_en", code)
    assert "evil" not in problem_message(problem, "en") and "evil" not in problem_message(problem, "es")
