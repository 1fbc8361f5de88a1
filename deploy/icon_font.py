"""Streamlit's Material Symbols font cut to the icons this app shows (367 KB of a first visit's 1.33 MB).

The font draws an icon from its name: a ligature of the name's letters ("home" -> the house). A cut keeps
the letters, the ligatures of the icons named here and their glyphs, and drops every other icon.
"""

from __future__ import annotations

import re
from pathlib import Path

import fontTools.subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
ICON = re.compile(r":material/([a-z0-9_]+):")
# The app's own code and words: every `:material/NAME:` an element, a Markdown line or the topic table names.
CODE = ("app.py", "pages", "page_parts", "explainer")
# The icons Streamlit draws itself around the app's elements (found by rendering every page in both modes,
# on a phone and a desktop, menus and expanders open), and those of its controls the app uses (a help
# icon, a closed or open expander, a select box, the phone's menu, a dialog, a copy button).
STREAMLIT_ICONS = frozenset(
    {
        "keyboard_double_arrow_left", "keyboard_double_arrow_right", "keyboard_arrow_down", "keyboard_arrow_up",
        "keyboard_arrow_right", "keyboard_arrow_left", "expand_more", "expand_less", "chevron_right", "help",
        "close", "check", "error", "menu", "content_copy", "info", "warning", "check_circle",
    }
)  # fmt: skip


def icons_in_code(root: Path = ROOT) -> set[str]:
    """Every icon name the app's code and its words name."""
    files = [root / "app.py"] + [path for folder in CODE[1:] for path in (root / folder).rglob("*.py")]
    files += list((root / "explainer" / "content").glob("*.toml"))
    return {name for path in files for name in ICON.findall(path.read_text(encoding="utf-8"))}


def app_icons(root: Path = ROOT) -> set[str]:
    return icons_in_code(root) | STREAMLIT_ICONS


def ligatures(font: TTFont) -> dict[str, str]:
    """Icon name -> the glyph its letters turn into, read from the font's GSUB ligature lookups."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    names: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 7 else table
            for first, ligature_list in getattr(table, "ligatures", {}).items():
                for ligature in ligature_list:
                    glyphs = [first, *ligature.Component]
                    if all(glyph in letters for glyph in glyphs):
                        names["".join(letters[glyph] for glyph in glyphs)] = ligature.LigGlyph
    return names


def cut_icon_font(path: Path, icons: set[str]) -> None:
    """Keep only these icons (their ligatures and glyphs) and the letters that spell them; woff2, in place."""
    font = TTFont(path)
    by_name = ligatures(font)
    missing = sorted(icons - by_name.keys())
    if missing:
        raise RuntimeError(f"{path.name} has no icon named {', '.join(missing)}")
    letters = sorted({char for name in icons for char in name})
    fontTools.subset.main(
        [str(path), f"--text={''.join(letters)}", f"--glyphs={','.join(by_name[name] for name in sorted(icons))}",
         "--no-layout-closure", "--layout-features=*", "--flavor=woff2", f"--output-file={path}"]
    )  # fmt: skip
