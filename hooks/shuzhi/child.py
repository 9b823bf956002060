"""Run a function in a child Python while this process goes on.

A large build has two cores and long stretches of work that need only one:
reading half the library while this process reads the other half, writing the
search index while MkDocs renders the pages.

A plain child process, given its input on stdin and answering on stdout,
rather than multiprocessing: its spawned children import the parent's main
module again, which fails for a script that runs MkDocs without an
``if __name__ == "__main__"`` guard, and fork is unsafe beside the threads of
``mkdocs serve``.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

_HOOKS_DIR = str(Path(__file__).resolve().parents[1])  # MkDocs keeps hooks/ off sys.path


class ChildFailed(RuntimeError):
    """The child died without an answer, or its error could not be sent back."""


class Child:
    """``function(*args)`` running in a child process; ``result`` waits for it."""

    def __init__(self, process: subprocess.Popen):
        self._process = process

    @classmethod
    def start(cls, function: Callable, *args: Any) -> "Child":
        """Start the child. ``function`` must be importable by name (a module-level function)."""
        path = os.pathsep.join(p for p in (_HOOKS_DIR, os.environ.get("PYTHONPATH")) if p)
        process = subprocess.Popen([sys.executable, "-c", "from shuzhi.child import main; main()"],
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   env={**os.environ, "PYTHONPATH": path})
        # Pickled whole before it is sent, and read whole before it is unpickled:
        # this process waits only for the bytes to pass, not for the child to unpickle.
        call = pickle.dumps((function.__module__, function.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with process.stdin:
                process.stdin.write(call)
        except OSError:
            pass  # the child died at once: result() says so
        return cls(process)

    def result(self) -> Any:
        """The function's return value; its exception is raised here."""
        if self._process.stdout.closed:
            raise ChildFailed("子进程已停止")
        with self._process.stdout:
            answer = self._process.stdout.read()
        code = self._process.wait()
        try:
            kind, value = pickle.loads(answer)
        except Exception:
            raise ChildFailed(f"子进程意外退出（退出码 {code}）") from None
        if kind == "error":
            raise value
        return value

    def kill(self) -> None:
        self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()


def main() -> None:
    """The child's side: read the call from stdin, write the answer to stdout."""
    module, name, args = pickle.loads(sys.stdin.buffer.read())
    try:
        answer = pickle.dumps(("ok", getattr(importlib.import_module(module), name)(*args)),
                              protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as err:  # e.g. a full disk: sent back as one line, no traceback here
        try:
            answer = pickle.dumps(("error", err), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            answer = pickle.dumps(("error", ChildFailed(f"{type(err).__name__}: {err}")))
    sys.stdout.buffer.write(answer)
