"""The theme overrides stay faithful copies of Material's templates.

overrides/main.html copies Material's `config` and `site_nav` blocks and
overrides/partials/search.html its search box, overrides/partials/header.html
its header; each differs in a named way
only, and some parts are wrapped in `shared_fragment` (rendered once for all
pages outside the navigation, hooks/shuzhi/site/fragments.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from helpers import ROOT

MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"
OVERRIDE = ROOT / "overrides" / "main.html"
OUR_WORKER = '"search": "assets/javascripts/search/worker.js" | url,'


SHARED = re.compile(r'{% call shared_fragment\(page, "\w+"\) %}(.*?){% endcall %}', re.S)


def unshared(template: str) -> str:
    """The template without its shared_fragment wrappers (what Material would have)."""
    return SHARED.sub(lambda m: m.group(1), template)


def block(template: str, name: str) -> list[str]:
    body = re.search(r"{%% block %s %%}(.*?){%% endblock %%}" % name, template, re.S).group(1)
    return [line.strip() for line in unshared(body).strip().splitlines() if line.strip()]


def config_block(template: str) -> list[str]:
    return block(template, "config")


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
    ours = unshared(SEARCH_OVERRIDE.read_text(encoding="utf-8").split("-#}\n", 1)[1]).strip("\n") + "\n"
    assert '<form class="md-search__form" name="search">' in theirs
    assert ours == theirs.replace('<form class="md-search__form" name="search">', '<form class="md-search__form">')


def test_site_nav_block_is_materials_own_with_the_nav_shared():
    """If this fails after a Material upgrade, copy the new block into overrides/main.html."""
    ours_text = OVERRIDE.read_text(encoding="utf-8")
    assert '{% call shared_fragment(page, "nav") %}{% include "partials/nav.html" %}{% endcall %}' in ours_text
    assert block(ours_text, "site_nav") == block(MATERIAL_BASE.read_text(encoding="utf-8"), "site_nav")


def test_tabs_config_and_search_box_are_shared():
    ours = OVERRIDE.read_text(encoding="utf-8")
    assert SHARED.findall(ours) and {m.group(0).split('"')[1] for m in SHARED.finditer(ours)} == {"tabs", "nav", "config"}
    assert SHARED.fullmatch(SEARCH_OVERRIDE.read_text(encoding="utf-8").split("-#}\n", 1)[1].strip())


MATERIAL_HEADER = Path(material.__file__).parent / "templates" / "partials" / "header.html"
HEADER_OVERRIDE = ROOT / "overrides" / "partials" / "header.html"


def test_header_partial_is_materials_own_with_all_but_the_title_shared():
    """If this fails after a Material upgrade, copy the new header into overrides/partials/header.html
    and make the two changes its comment names."""
    theirs = MATERIAL_HEADER.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    ours = HEADER_OVERRIDE.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    # The box shows with Material's indexing off (mkdocs.yml: search enabled: false).
    assert theirs.count("{% if search.enabled %}") == 1
    theirs = theirs.replace("{% if search.enabled %}", "{% if search %}")
    # Jinja drops a template's last newline: Material's after </header>, ours after the last endcall.
    assert unshared(ours).rstrip("\n") == theirs.rstrip("\n")
    shared = list(SHARED.finditer(ours))
    assert [m.group(0).split('"')[1] for m in shared] == ["header_start", "header_end"]
    assert "page.title" not in "".join(m.group(1) for m in shared)  # the page's own title is rendered per page
