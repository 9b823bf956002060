"""overrides/main.html: the theme override stays a faithful copy of Material's `config` block."""

from __future__ import annotations

import re
from pathlib import Path

import material

from helpers import ROOT

MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
OVERRIDE = ROOT / "overrides" / "main.html"
OUR_WORKER = '"search": "assets/javascripts/search/worker.js" | url,'


def config_block(template: str) -> list[str]:
    body = re.search(r"{% block config %}(.*?){% endblock %}", template, re.S).group(1)
    return [line.strip() for line in body.strip().splitlines()]


def test_config_block_is_materials_own_but_for_the_worker():
    """If this fails after a Material upgrade, copy the new block into overrides/main.html."""
    theirs = config_block(MATERIAL_BASE.read_text(encoding="utf-8"))
    ours = config_block(OVERRIDE.read_text(encoding="utf-8"))
    assert OUR_WORKER in ours
    worker = [i for i, line in enumerate(theirs) if line.startswith('"search": "assets/javascripts/workers/')]
    assert len(worker) == 1
    theirs[worker[0]] = OUR_WORKER
    assert ours == theirs


MATERIAL_SEARCH = Path(material.__file__).parent / "templates" / "partials" / "search.html"
SEARCH_OVERRIDE = ROOT / "overrides" / "partials" / "search.html"


def test_search_partial_is_materials_own_but_for_the_form_name():
    """Without name="search" Material loads no index on a page view; all else stays Material's."""
    theirs = MATERIAL_SEARCH.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    ours = SEARCH_OVERRIDE.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert '<form class="md-search__form" name="search">' in theirs
    assert ours == theirs.replace('<form class="md-search__form" name="search">', '<form class="md-search__form">')
