"""MkDocs hooks: build the site's pages from the sample library.

Thin on purpose: each event only calls the ``shuzhi`` package (hooks/shuzhi/),
whose modules do not import mkdocs and are unit-tested.

State lives in ``_build`` and is replaced in ``on_config`` on every build:
``mkdocs serve`` rebuilds in the same process, and an edited sample must show.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from shuzhi.site.fragments import RememberedStrings, SharedFragments
from shuzhi.site.guides import fill_guide
from shuzhi.site.htmlpage import HtmlPage, nav_titles
from shuzhi.search.grams import IndexTooLarge
from shuzhi.search.index import IndexNotWritten, PendingIndex, PhraseIndex
from shuzhi.search.worker import FOLDER as SEARCH_SCRIPTS, WORKER_URI, worker_script
from shuzhi.library.load import Library, LibraryError, load_library
from shuzhi.site.pages import SitePlan, plan_site
from shuzhi.site.draft import draft_data_files
from shuzhi.site.urls import set_directory_urls


@dataclass
class _BuildState:
    library: Library
    plan: SitePlan
    phrase_index: PhraseIndex
    nav_urls: dict[str, str] | None = None  # source URI -> URL of the pages in the navigation
    pending_index: PendingIndex | None = None  # being written while the pages render


_build: _BuildState | None = None


def on_config(config: MkDocsConfig) -> None:
    global _build
    # Off in the offline build (Material's offline plugin, whose on_config runs before ours).
    set_directory_urls(config.use_directory_urls)
    root = Path(config.config_file_path).parent
    library_dir = root / config.extra.get("library_dir", "library/samples")
    try:
        library = load_library(library_dir, root)
        gc.freeze()  # see below
        plan = plan_site(library)
    except LibraryError as err:
        # One `path: field: message` line per problem, as the validator prints them.
        raise PluginError("样本库有错误：\n" + "\n".join(str(p) for p in err.problems)) from None
    _build = _BuildState(library, plan, PhraseIndex())
    # The library and plan live until the build ends: keep the cycle collector
    # from walking their millions of objects again and again (until on_post_build).
    # Frozen in two steps, so that planning does not walk the library either.
    gc.freeze()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan = _state().plan
    titles = nav_titles(config.nav)
    for page in plan.pages:
        # Sample pages and later listing pages stay out of the nav on purpose
        # (see mkdocs.yml); saying so keeps MkDocs from listing thousands of them.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
        _add(files, file)
        if page.body is not None:  # ready HTML, with its table of contents and anchors
            HtmlPage(titles.get(page.src_uri), file, config, page.body)  # sets file.page; MkDocs and the nav use it
    # The 起草 page's example data: static files, loaded when a writer opens a part.
    for data in draft_data_files(_state().library):
        _add(files, File.generated(config, data.path, content=data.content))
    # The search worker as one script, its parts in front (a worker fetches
    # the scripts it imports one after another).
    script = worker_script(lambda name: files.get_file_from_path(f"{SEARCH_SCRIPTS}/{name}").content_string)
    files.remove(files.get_file_from_path(WORKER_URI))
    files.append(File.generated(config, WORKER_URI, content=script))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _state().nav_urls = {page.file.src_uri: page.url for page in nav.pages}
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    state = _state()
    # The theme renders the nav, tabs, header and search box once for all pages
    # outside the nav, and each interface string once.
    env.globals["shared_fragment"] = SharedFragments(state.nav_urls or {})
    env.globals["remembered_string"] = RememberedStrings()
    # Every page's body is final now (Material's tags plugin fills its listings
    # in its on_env, which runs first): index them all and write the index in a
    # child process while MkDocs renders the pages.
    state.phrase_index.add_pages([f.page for f in files.documentation_pages(inclusion=lambda _: True)],
                                 state.plan.body_by_uri)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    whole = bool(offline and offline.config.enabled)
    state.pending_index = state.phrase_index.start(config.site_dir, whole=whole)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return fill_guide(markdown, page.file.src_uri, _state().library)


def on_post_build(config: MkDocsConfig) -> None:
    # Before the offline plugin's (priority -100), which copies it into search_index.js:
    # from a folder there is no fetch, so the offline build gets the index in one file.
    state = _state()
    try:
        if state.pending_index is None:  # pragma: no cover - on_env always runs first
            raise PluginError("shuzhi_hooks: on_env has not run")
        state.pending_index.finish()
    except (IndexTooLarge, IndexNotWritten) as err:
        raise PluginError(f"搜索索引写不出来：{err}") from None
    finally:
        state.pending_index = None
        gc.unfreeze()
    set_directory_urls(True)


def on_build_error(error: Exception) -> None:
    if _build is not None and _build.pending_index is not None:
        _build.pending_index.cancel()
        _build.pending_index = None
    gc.unfreeze()
    set_directory_urls(True)


def _state() -> _BuildState:
    if _build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise PluginError("shuzhi_hooks: on_config has not run")
    return _build


def _add(files: Files, file: File) -> None:
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"docs/{file.src_uri} 与自动生成的页面重名，请删除或改名")
    files.append(file)
