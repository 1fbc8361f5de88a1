"""The data contract: data/datapackage.json, its README, and frictionless's own validator on it."""

import subprocess
import sys
from pathlib import Path

from explainer import data
from explainer.data_readme import data_readme
from tests.conftest import DATA, replace_in

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def test_the_readme_is_written_from_the_contract():
    assert (DATA / "README.md").read_text(encoding="utf-8") == data_readme(), (
        "data/README.md is out of date: python -m explainer data-readme > data/README.md"
    )


def test_the_contract_describes_every_file_and_every_column():
    assert sorted(data.FILES) == sorted(path.name for path in DATA.glob("*.csv"))
    for file in data.FILES:
        header = (DATA / file).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header == data.column_names(file)
        described = data.resource(file)
        assert all(column["description"] for column in described["schema"]["fields"])
        if file != "sources.csv":
            links = described["schema"]["foreignKeys"]
            assert {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}} in links


def frictionless_validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", str(folder / "datapackage.json")], capture_output=True, text=True, timeout=120
    )


def test_frictionless_validate_passes_on_the_bundled_data():
    result = frictionless_validate(DATA)
    assert result.returncode == 0, result.stdout


def test_frictionless_validate_fails_on_broken_data(data_copy):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,170,")
    replace_in(data_copy / "risks.csv", "kumar-2008", "nobody-2020")
    result = frictionless_validate(data_copy)
    assert result.returncode != 0
    assert "constraint" in result.stdout and "maximum" in result.stdout  # 170 is over 100
    assert "foreign" in result.stdout.lower() or "nobody-2020" in result.stdout


def test_frictionless_validate_fails_on_a_reason_whose_source_is_not_listed(data_copy):
    replace_in(data_copy / "watch_for.csv", "abbott-controller-manual,beacon", "nobody-2020,beacon")
    result = frictionless_validate(data_copy)
    assert result.returncode != 0
    assert "nobody-2020" in result.stdout and "watch-for" in result.stdout
