"""The app's data folder, checked once per change in a child process that starts as soon as a run begins.

Light on purpose (no pandas, no frictionless, no Altair): app.py imports it first, so that on the first
visit after a start the child checks the data while the server loads the app's own code.
"""

from __future__ import annotations

from pathlib import Path

from explainer import child_check, data_folder
from page_parts.process_cache import ProcessCache

# One check per state of the folder, shared by every session; its answer is shared read-only. Kept by the
# process (page_parts/process_cache.py), so no visitor's "clear caches" message starts it again for everyone.
_CHECKS: ProcessCache[child_check.FolderCheck] = ProcessCache(size=4)


def _folder_check(data_dir: str, stamp: tuple) -> child_check.FolderCheck:
    return _CHECKS.get((data_dir, stamp), lambda: child_check.FolderCheck(Path(data_dir)))


def _key() -> tuple[str, tuple]:
    data_dir = data_folder.data_dir_from_env()
    return str(data_dir), data_folder.stamp(data_dir)


def start_checking_data() -> None:
    """Starts the check of the app's data folder, if it has changed since the last one; does not wait."""
    _folder_check(*_key())


def loaded_folder() -> dict:
    """Every table of the app's data folder by name (data.LOADERS), or one plain problem if the check stopped."""
    key = _key()
    try:
        return _folder_check(*key).answer()
    except child_check.CheckStopped:
        _CHECKS.forget(key)  # not kept: the next visit starts a new check
        return child_check.stopped_folder(Path(key[0]))
