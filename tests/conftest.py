"""Shared test setup: make the plain modules in hooks/ and scripts/, and
tests/helpers.py, importable from every test folder.

Test folders mirror hooks/shuzhi/ and have no __init__.py, so every test file
needs a basename unique across tests/."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for all browser tests (modules call
    helpers.require_chromium() first, so it exists here)."""
    from playwright.sync_api import sync_playwright

    from shuzhi.bench.chromium import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
