"""Browser tests need Debian's chromium: skip without it on a laptop, fail in CI."""

from __future__ import annotations

import os

import pytest

from shuzhi.bench.chromium import CHROMIUM


def require_chromium() -> None:
    """Call at the top of a browser test module, before importing Playwright."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests", allow_module_level=True)
