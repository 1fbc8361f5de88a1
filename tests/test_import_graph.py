"""The layers read straight down: no import circle, a Streamlit-free core, and no server code that needs the UI."""

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("explainer", "page_parts", "deploy", "bench")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    modules = {module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    modules["app"] = ROOT / "app.py"
    return modules


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function: `from explainer import data` names both."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def project_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {
        name: {other for other in imports_of(path) if other in modules and other != name}
        for name, path in modules.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle found by a depth-first walk, as the chain of modules that closes it."""
    found, done = [], set()

    def walk(name: str, chain: list[str]) -> None:
        if name in chain:
            found.append(chain[chain.index(name) :] + [name])
            return
        if name in done:
            return
        for other in sorted(graph[name]):
            walk(other, [*chain, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    return found


def test_no_module_imports_another_that_imports_it_back():
    graph = project_graph()
    assert "explainer.outputs.guide" in graph["explainer.outputs.export"], "the graph sees the imports"
    assert circles(graph) == []


def test_the_circle_check_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_module_of_the_core_imports_streamlit():
    for name, path in project_modules().items():
        if name.startswith("explainer"):
            streamlit = {module for module in imports_of(path) if module.split(".")[0] == "streamlit"}
            assert not streamlit, (name, streamlit)


def test_the_server_and_the_benchmarks_need_neither_the_ui_nor_the_command_line():
    for name, path in project_modules().items():
        if name.startswith(("deploy", "bench")):
            used = imports_of(path)
            assert not {module for module in used if module.split(".")[0] == "page_parts"}, name
            assert not {module for module in used if module.startswith("explainer.__main__")}, name
