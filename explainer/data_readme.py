"""data/README.md, written from the data contract (data/datapackage.json): one place says what a column means."""

from __future__ import annotations

from explainer import data

INTRO = """# The data files

<!-- Written from datapackage.json by `python -m explainer data-readme > data/README.md`: edit that file. -->

{count} CSV files, one per kind of fact, described in `datapackage.json`: a
[Frictionless Data Package](https://datapackage.org/) that gives every column's type, whether it is
required, its range or choices, the unique ids and the links to `sources.csv`. Clinic staff can open
this folder in Frictionless's Open Data Editor to read and edit the files against it, or run
`frictionless validate data/datapackage.json`.

Save the files as UTF-8 (with or without a byte order mark), comma-separated, with the columns below
(in any order). Check a folder with `python -m explainer check-data DIR`: it prints `ok` or one line per
problem, as `FILE:ROW:COLUMN: message` (row 1 is the header, as in a spreadsheet).

General rules:
- Columns ending in `_en` and `_es` hold the same text in English and Spanish; both are
  required unless a column says "optional". Write plain words for patients.
- Every row that shows a figure names a `source_id` that exists in `sources.csv`.
- Percentages are numbers from 0 to 100 (a trailing `%` is accepted); a low value may
  not be above its high value. Ids use letters, digits, `-` and `_`, and are unique.
- Text may not hold control characters; a cell holds at most 2,000 characters; a file
  at most 1 MB. Columns the app does not know are reported, not ignored.
"""


def data_readme() -> str:
    sections = [INTRO.format(count=len(data.FILES))]
    for described in data.contract()["resources"]:
        schema = described["schema"]
        lines = [f"## {described['path']}: {described['title']}", ""]
        if described.get("description"):
            lines += [described["description"], ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        fields = schema["fields"]
        links = {link["fields"][0]: link["reference"]["resource"] for link in schema.get("foreignKeys", [])}
        for index, column in enumerate(fields):
            name = column["name"]
            if name.endswith("_es") and index and fields[index - 1]["name"] == name.removesuffix("_es") + "_en":
                continue  # said with its English twin
            pair = name.endswith("_en") and index + 1 < len(fields) and fields[index + 1]["name"] == name[:-3] + "_es"
            names = f"`{name}`, `{name[:-3]}_es`" if pair else f"`{name}`"
            meaning = column["description"].removesuffix(" (in English)") if pair else column["description"]
            kind = _kind(column, links.get(name), name in schema.get("primaryKey", []))
            lines.append(f"| {names} | {kind} | {meaning} |")
        sections.append("\n".join(lines) + "\n")
    return "\n".join(sections)


def _kind(column: dict, link: str | None, unique: bool) -> str:
    """A column's type in plain words, from its Table Schema."""
    limits = column.get("constraints", {})
    if link:
        kind = "source id" if link == "sources" else f"id of a `{link}.csv` row"
    elif "enum" in limits:
        kind = "one of " + ", ".join(f"`{choice}`" for choice in limits["enum"])
    elif column.get("format") == "uri":
        kind = "web address starting with `https://`"
    elif "pattern" in limits:
        kind = "id"
    elif column["type"] == "date":
        kind = "date `YYYY-MM-DD`"
    elif column["type"] == "integer":
        kind = f"whole number {limits['minimum']}-{limits['maximum']}"
    elif column["type"] == "number" and column.get("bareNumber") is False:
        kind = f"percent {limits['minimum']}-{limits['maximum']}"
    elif column["type"] == "number":
        kind = f"number {limits['minimum']} to {limits['maximum']}"
    else:
        kind = "text"
    if unique:
        kind += ", unique"
    if not limits.get("required"):
        kind += ", optional"
    return kind
