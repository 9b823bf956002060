"""Build the site into a temporary folder for tests.

The build uses the real mkdocs.yml, hooks and docs/; only the library folder
may come from tests/fixtures/.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_LIBRARY = FIXTURES / "library"
REAL_LIBRARY = ROOT / "library" / "samples"

sys.path.insert(0, str(ROOT / "hooks"))
from shuzhi.library.load import Library, load_library  # noqa: E402


def prepare_docs(dest: Path) -> Path:
    """A copy of docs/, so a test build never writes next to the real pages."""
    shutil.copytree(ROOT / "docs", dest)
    return dest


def build_site(tmp: Path, library_dir: Path, repo_url: str | None = None, site_url: str | None = None,
               site: Path | None = None) -> Path:
    """Strict build of the real configuration against ``library_dir``; returns the site folder.

    ``site_url`` is where the site will be served: Material's instant navigation
    only takes over links listed in sitemap.xml, which needs it.
    """
    docs = prepare_docs(tmp / "docs")
    site = site or tmp / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
    config.extra["library_dir"] = str(library_dir)
    if repo_url:
        config.repo_url = repo_url
    if site_url:
        config.site_url = site_url
    build(config)
    return site


def library_of(library_dir: Path) -> Library:
    return load_library(library_dir, ROOT)
