"""The app's data folder, checked in a short child process, so the app's server never loads frictionless.

frictionless and what it brings (pydantic, its plugins) take about 12 MB in each process that imports it.
The server runs this module once per change of its data folder and keeps only the result: the tables and
problems of data.load_folder, the same objects the command line and the tests get in-process.

The result comes back pickled through a pipe from this module, which the server itself started; no file,
and nothing a user sends, is ever unpickled.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from explainer import data

PROJECT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 60


class CheckStopped(Exception):
    """The child did not give back a checked folder: it ended with an error or ran out of time."""


def load_folder(data_dir: Path) -> dict[str, data.Loaded]:
    """data.load_folder(data_dir), worked out in a child process. Its errors go to the server's log (stderr)."""
    command = [sys.executable, "-m", "explainer.child_check", str(Path(data_dir).resolve())]
    try:
        child = subprocess.run(command, cwd=PROJECT, stdout=subprocess.PIPE, timeout=TIME_LIMIT_S, check=True)
        folder = pickle.loads(child.stdout)
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError) as error:
        raise CheckStopped(str(error)) from error
    if not isinstance(folder, dict) or set(folder) != set(data.LOADERS):
        raise CheckStopped("the child's answer is not a checked folder")
    return folder


def stopped_folder(data_dir: Path) -> dict[str, data.Loaded]:
    """What every page shows when the check stopped: one problem in plain words, and a try again next visit."""
    problem = data.Problem(Path(data_dir).name, None, None, "check_stopped")
    return {name: data.Loaded(None, (problem,)) for name in data.LOADERS}


def main(argv: list[str]) -> int:
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not end up inside the pickle
    answer.write(pickle.dumps(data.load_folder(Path(argv[0]))))
    answer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
