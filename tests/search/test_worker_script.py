"""The search worker joined with its parts into one script (shuzhi.search.worker)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import joined_worker, search_script as read
from shuzhi.search.worker import FOLDER, PARTS, WORKER_URI, worker_script


def test_every_part_once_in_load_order_with_worker_js_last():
    script = joined_worker()
    starts = [script.index(read(name).rstrip("\n")) for name in PARTS]
    assert starts == sorted(starts)
    assert PARTS[-1] == "worker.js" and WORKER_URI == f"{FOLDER}/worker.js"
    assert all(script.count(read(name).rstrip("\n")) == 1 for name in PARTS)


def test_worker_js_imports_no_part_itself():
    """Only the offline index is imported at run time; the parts are in front."""
    calls = [line.strip() for line in read("worker.js").splitlines() if "importScripts(" in line]
    assert calls == ['await importScripts(new URL("search_index.js", INDEX).href)']


def test_one_strict_directive_first_and_parts_kept_apart():
    """worker.js is no longer first, so the directive goes on top; a part
    ending in an expression must not run into the next part's opening '('."""
    parts = {"opencc-ts.js": "self.A = {x: 1}", "match.js": "(function () { self.B = self.A.x })()\n"}
    script = worker_script(lambda name: parts.get(name, f"// {name}\n"))
    assert script.startswith('"use strict";\n')
    assert "self.A = {x: 1}\n;\n(function ()" in script


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_joined_parts_run_in_order_in_strict_mode(tmp_path):
    parts = {
        "opencc-ts.js": "globalThis.order = ['fold']",  # an expression, no semicolon
        "match.js": "(function () { order.push('match') })()",
        "store.js": "(function () { order.push('store') })()",
        "index.js": "(function () { order.push('index') })()",
        "worker.js": "'use strict'\ntry { undeclared = 1 } catch (e) { order.push('strict') }",
    }
    path = tmp_path / "worker.js"
    path.write_text(worker_script(parts.__getitem__) + "\nconsole.log(order.join(' '))\n", encoding="utf-8")
    out = subprocess.run(["node", str(path)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "fold match store index strict"
