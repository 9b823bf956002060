"""Shared test helpers: build the site into a temporary folder, and require
Debian's Chromium for the browser tests.

The build uses the real mkdocs.yml, hooks and docs/; only the library folder
may come from tests/fixtures/.

Browser tests need Debian's chromium: skip without it on a laptop, fail in CI.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_LIBRARY = FIXTURES / "library"
REAL_LIBRARY = ROOT / "library" / "samples"

sys.path.insert(0, str(ROOT / "hooks"))
from shuzhi.bench.chromium import CHROMIUM  # noqa: E402
from shuzhi.library.load import Library, load_library  # noqa: E402
from shuzhi.search.worker import FOLDER as SEARCH_FOLDER, worker_script  # noqa: E402

SEARCH_SCRIPTS = ROOT / "overrides" / SEARCH_FOLDER  # phrase search's scripts, as written


def search_script(name: str) -> str:
    """One of phrase search's scripts as written (overrides/assets/javascripts/search/)."""
    return (SEARCH_SCRIPTS / name).read_text(encoding="utf-8")


def joined_worker() -> str:
    """The search worker as the build serves it: joined with its parts."""
    return worker_script(search_script)


# --- site builds --------------------------------------------------------------

def prepare_docs(dest: Path) -> Path:
    """A copy of docs/, so a test build never writes next to the real pages."""
    shutil.copytree(ROOT / "docs", dest)
    return dest


def build_site(tmp: Path, library_dir: Path, site_url: str | None = None,
               site: Path | None = None, config_file: str = "mkdocs.yml") -> Path:
    """Strict build of the real configuration against ``library_dir``; returns the site folder.

    ``site_url`` is where the site will be served: Material's instant navigation
    only takes over links listed in sitemap.xml, which needs it. ``config_file``
    may name the offline build's configuration (mkdocs.offline.yml) instead.
    """
    docs = prepare_docs(tmp / "docs")
    site = site or tmp / "site"
    config = load_config(str(ROOT / config_file), docs_dir=str(docs), site_dir=str(site), strict=True)
    config.extra["library_dir"] = str(library_dir)
    if site_url:
        config.site_url = site_url
    build(config)
    return site


def library_of(library_dir: Path) -> Library:
    return load_library(library_dir, ROOT)


# --- search -------------------------------------------------------------------

# A rendered sample page as on_page_content sees it: interface text, a section,
# and an excluded related list.
SAMPLE_PAGE = """
<nav class="md-tags"><a class="md-tag" href="#">党建</a></nav>
<h1 id="t">驻村第一书记述职报告<a class="headerlink" href="#t">¶</a></h1>
<div class="sz-meta" data-search-exclude>第一书记 · 156 字<button>复制全文</button></div>
<div class="sz-section">
<h2 id="sec-1"><span class="sz-h">一、建强村党组织</span><a class="sz-guide-link" href="#"></a><a class="headerlink" href="#sec-1">¶</a></h2>
<div class="sz-tools"><button type="button" data-clipboard-target="#x">复制本节</button></div>
<div class="sz-p">到村后，我走访全村<span class="sz-fill">某某</span>户党员。</div>
<div class="sz-p">帮助建立了 党员积分
管理制度。</div>
</div>
<h2 id="related" data-search-exclude="">相关范文</h2>
<ul><li><a href="#">另一篇</a><span>共同话题：集体经济</span></li></ul>
"""


# --- browser tests ------------------------------------------------------------

# The two readers every browser test serves: a phone (touch) and a desktop.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
DEVICES = {"phone": PHONE, "desktop": DESKTOP}
# Each device on a build with instant navigation (SITE_URL set) and one without.
READERS = [(device, nav) for device in DEVICES for nav in ("instant", "plain")]


def require_chromium() -> None:
    """Call at the top of a browser test module, before importing Playwright."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests", allow_module_level=True)
