"""The app's data folder, checked in a short child process, so the app's server never loads frictionless.

frictionless and what it brings (pydantic, its plugins) take about 12 MB in each process that imports it.
The server starts this module once per change of its data folder and keeps only the result: the tables and
problems of data.load_folder, the same objects the command line and the tests get in-process.

The result comes back pickled through a pipe from this module, which the server itself started; no file,
and nothing a user sends, is ever unpickled. This module imports neither pandas nor frictionless, so the
app can start a check before it loads its own code.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 60


class CheckStopped(Exception):
    """The child did not give back a checked folder: it ended with an error or ran out of time."""


class FolderCheck:
    """One check of one data folder: the child starts at once, answer() waits for it. Safe across threads."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir).resolve()
        self._lock = threading.Lock()
        self._folder: dict | None = None
        self._stopped: str | None = None
        try:
            command = [sys.executable, "-m", "explainer.child_check", str(self.data_dir)]
            self._child = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE)  # errors: server log
        except OSError as error:
            self._child, self._stopped = None, str(error)

    def answer(self) -> dict:
        """data.load_folder(data_dir), by name; CheckStopped when the child gave no answer in time."""
        with self._lock:
            if self._folder is None and self._stopped is None:
                self._folder, self._stopped = self._wait()
        if self._stopped is not None:
            raise CheckStopped(self._stopped)
        return self._folder

    def _wait(self) -> tuple[dict | None, str | None]:
        from explainer import data

        try:
            output, _ = self._child.communicate(timeout=TIME_LIMIT_S)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.communicate()
            return None, f"no answer within {TIME_LIMIT_S} s"
        if self._child.returncode != 0:
            return None, f"the check ended with exit code {self._child.returncode}"
        try:
            folder = pickle.loads(output)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
            return None, f"the answer could not be read: {error}"
        if not isinstance(folder, dict) or set(folder) != set(data.LOADERS):
            return None, "the answer is not a checked folder"
        return folder, None


def stopped_folder(data_dir: Path) -> dict:
    """What every page shows when the check stopped: one problem in plain words, and a try again next visit."""
    from explainer import data

    problem = data.Problem(Path(data_dir).name, None, None, "check_stopped")
    return {name: data.Loaded(None, (problem,)) for name in data.LOADERS}


def main(argv: list[str]) -> int:
    from explainer import data

    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not end up inside the pickle
    answer.write(pickle.dumps(data.load_folder(Path(argv[0]))))
    answer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
