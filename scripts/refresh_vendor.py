"""Re-vendor the docx library (npm package `docx`, MIT) that builds Word files in the browser.

    python scripts/refresh_vendor.py            fetch the pinned version, minify, check, write
    python scripts/refresh_vendor.py --check    offline: is the vendored file the pinned build?
    python scripts/refresh_vendor.py --update 9.16.0
                                                 fetch another version and print the values to pin

What it writes into overrides/assets/javascripts/vendor/docx/:

- docx.min.js: the package's browser build (dist/index.iife.js, which sets
  ``window.docx``), minified by a pinned esbuild. Upstream ships it unminified
  (1,061 KB, 232 KB gzip); minified it is 295 KB, 88 KB gzip: the difference is
  a second of waiting on a slow phone connection, every time a reader first
  clicks 下载 Word. esbuild's output is deterministic, so the result is pinned
  by its SHA-256 below and --check can verify it without a network.
- LICENSE: the package's licence, unchanged.
- README.md: version, integrity, licence and how the file was made.

Needs npm (and node) only for fetching. The registry's tarball is checked
against the pinned integrity before anything is used.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "overrides" / "assets" / "javascripts" / "vendor" / "docx"

DOCX_VERSION = "9.15.2"
DOCX_INTEGRITY = "sha512-G/R41dlYE5RS3TG2ybX1DIodQv+TchMspmdvrrovFyzTpvLZe0pLKVqiGosBhZszLkRonrK9+zxJDPWHDYx4NA=="
ESBUILD_VERSION = "0.28.2"
# SHA-256 of docx.min.js as built from the two pins above.
MINIFIED_SHA256 = "cde8b3fcf101e5c9cdf3a25ed5e43bb2957690cc0468e46371fc5aa265b3896b"

BUILD_FILE = "package/dist/index.iife.js"
LICENSE_FILE = "package/LICENSE"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def integrity(data: bytes) -> str:
    """npm's `dist.integrity` of a tarball."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def banner(version: str) -> str:
    return (f"/*! docx {version} (https://github.com/dolanmiu/docx), MIT licence: see LICENSE beside this file. "
            f"dist/index.iife.js minified with esbuild {ESBUILD_VERSION} by scripts/refresh_vendor.py */")


def run(cmd: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SystemExit(f"{cmd[0]}: 找不到这个命令（需要 npm：sudo apt-get install -y npm）") from None
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: 失败（退出码 {done.returncode}）：{done.stderr.strip()[-500:]}")
    return done.stdout


def fetch(version: str, expected_integrity: str | None, work: Path) -> tuple[bytes, bytes, str]:
    """The package's browser build and licence, and the tarball's integrity."""
    run(["npm", "pack", f"docx@{version}", "--pack-destination", str(work), "--silent"], work)
    tarball = work / f"docx-{version}.tgz"
    data = tarball.read_bytes()
    got = integrity(data)
    if expected_integrity is not None and got != expected_integrity:
        raise SystemExit(f"docx@{version}: integrity: 与固定值不符（得到 {got}）")
    with tarfile.open(tarball) as tar:
        build = tar.extractfile(BUILD_FILE)
        licence = tar.extractfile(LICENSE_FILE)
        if build is None or licence is None:
            raise SystemExit(f"docx@{version}: 包里没有 {BUILD_FILE} 或 {LICENSE_FILE}")
        return build.read(), licence.read(), got


def minify(source: bytes, version: str, work: Path) -> bytes:
    tools = work / "tools"
    tools.mkdir()
    # --ignore-scripts: esbuild's JS launcher finds its platform binary package by itself.
    run(["npm", "install", "--prefix", str(tools), "--no-save", "--no-audit", "--no-fund", "--ignore-scripts",
         f"esbuild@{ESBUILD_VERSION}"], work)
    esbuild = tools / "node_modules" / ".bin" / "esbuild"
    got = run([str(esbuild), "--version"], work).strip()
    if got != ESBUILD_VERSION:
        raise SystemExit(f"esbuild: 版本是 {got}，应为 {ESBUILD_VERSION}")
    src = work / "index.iife.js"
    src.write_bytes(source)
    out = work / "docx.min.js"
    run([str(esbuild), str(src), "--minify", "--charset=utf8", "--log-level=warning",
         f"--banner:js={banner(version)}", f"--outfile={out}"], work)
    return out.read_bytes()


def readme(version: str, tar_integrity: str, minified: bytes) -> str:
    return f"""# docx {version} (vendored)

- Package: https://www.npmjs.com/package/docx ({version}, integrity `{tar_integrity}`)
- Source: https://github.com/dolanmiu/docx
- Licence: MIT, see LICENSE (shipped beside the script).
- File: `docx.min.js` is the package's `dist/index.iife.js` (sets `window.docx`; fflate and
  nanoid are bundled in it), minified with esbuild {ESBUILD_VERSION}. SHA-256 `{sha256(minified)}`.
- Refresh: `python scripts/refresh_vendor.py` (pinned version), `--update VERSION` (another one),
  `--check` (verify this file without a network).

Loaded only when a reader asks for a Word file (assets/javascripts/draft/page.js injects it);
assets/javascripts/word/gongwen.js lays out the document with it.
"""


def check() -> int:
    path = DEST / "docx.min.js"
    if not path.exists():
        print(f"{path.relative_to(ROOT)}: 不存在，请运行 python scripts/refresh_vendor.py", file=sys.stderr)
        return 1
    got = sha256(path.read_bytes())
    if got != MINIFIED_SHA256:
        print(f"{path.relative_to(ROOT)}: sha256: {got}，与固定值 {MINIFIED_SHA256} 不符", file=sys.stderr)
        return 1
    print(f"{path.relative_to(ROOT)}: docx {DOCX_VERSION}，sha256 与固定值一致")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="verify the vendored file against the pin (no network)")
    group.add_argument("--update", metavar="VERSION", help="fetch another version and print the values to pin")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if shutil.which("npm") is None:
        print("npm: 找不到这个命令（sudo apt-get install -y npm）", file=sys.stderr)
        return 1
    version = args.update or DOCX_VERSION
    with tempfile.TemporaryDirectory(prefix="refresh-vendor-") as tmp:
        work = Path(tmp)
        source, licence, tar_integrity = fetch(version, None if args.update else DOCX_INTEGRITY, work)
        minified = minify(source, version, work)
    if args.update:
        # Nothing is written: pin the values first, then run without --update.
        print(json.dumps({"DOCX_VERSION": version, "DOCX_INTEGRITY": tar_integrity,
                          "MINIFIED_SHA256": sha256(minified)}, indent=2))
        return 0
    if sha256(minified) != MINIFIED_SHA256:
        print(f"docx.min.js: sha256: {sha256(minified)}，与固定值 {MINIFIED_SHA256} 不符；"
              "esbuild 或 docx 的内容变了，核对后再更新 MINIFIED_SHA256", file=sys.stderr)
        return 1
    DEST.mkdir(parents=True, exist_ok=True)
    (DEST / "docx.min.js").write_bytes(minified)
    (DEST / "LICENSE").write_bytes(licence)
    (DEST / "README.md").write_text(readme(version, tar_integrity, minified), encoding="utf-8")
    print(f"docx {version} -> {DEST.relative_to(ROOT)}（{len(minified):,} 字节）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
