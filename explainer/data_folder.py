"""Where the app's CSV files are, and a stamp that changes when any of them does. Light: no pandas, no frictionless."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_dir_from_env() -> Path:
    """The folder the app reads: EXPLAINER_DATA_DIR when set, else the bundled data/."""
    return Path(os.environ.get("EXPLAINER_DATA_DIR") or DEFAULT_DATA_DIR)


def stamp(data_dir: Path) -> tuple:
    """Each CSV's name, time and size: it changes whenever a file does, so edited data is picked up at once."""
    try:
        entries = list(os.scandir(data_dir))
    except OSError:
        return ()
    return tuple(sorted(_file_stamp(entry) for entry in entries if entry.name.endswith(".csv")))


def _file_stamp(entry: os.DirEntry) -> tuple:
    """A file's name, time and size; a link to nothing has none, and the check then says the file is missing."""
    try:
        stat = entry.stat()
    except OSError:
        return (entry.name, 0, -1)
    return (entry.name, stat.st_mtime_ns, stat.st_size)
