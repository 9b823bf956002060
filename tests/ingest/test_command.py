"""Golden and command-line tests for scripts/ingest.py on the seed page: the
whole of hooks/shuzhi/ingest/ end to end, writing sample files."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT
from shuzhi.library.load import load_library

SEED = ROOT / "library" / "raw" / "000_d96eefaaa6001d91.txt"
GOLDEN = ROOT / "tests" / "golden" / "ingest"
SCRIPT = ROOT / "scripts" / "ingest.py"

# Every exemplar on the seed page: (first line in the raw file, type).
EXEMPLARS = [
    (9, "软弱涣散整顿"), (37, "第一书记"), (71, "村书记"), (91, "第一书记"), (109, "第一书记"),
    (119, "第一书记"), (163, "村书记"), (195, "驻村"), (217, "驻村"), (269, "软弱涣散整顿"),
]
NOISE = re.compile(
    r"小编|仅供参考|欢迎借鉴|希望能够帮助|下载文档|合集下载|相关文档|最新文档|范文|【|】|篇一|篇1|滤布|`|臵|痪散|\ufffd"
    r"|[,:;!?()](?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[,:;!?()]"
)


def run_ingest(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yml"))}


def texts(sample: dict) -> list[str]:
    return [sample["title"]] + [t for s in sample["sections"] for t in [s["heading"], *s["paragraphs"]]]


def test_seed_page_matches_golden_samples(tmp_path):
    result = run_ingest(SEED, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert files(tmp_path) == files(GOLDEN)
    assert "拆出 10 篇报告" in result.stdout
    for rule in ("平台内容", "编者话术", "插入的广告词", "杂散符号", "错字与乱码"):
        assert f"清理·{rule}" in result.stdout
    assert "存疑" in result.stdout


def test_every_exemplar_once_all_types_no_noise():
    library = load_library(GOLDEN, root=ROOT, curated=False)  # drafts: schema only
    found = sorted((int(s.source.lines.split("-")[0]), s.type) for s in library.samples)
    assert found == EXEMPLARS
    assert {t for _, t in EXEMPLARS} == {"村书记", "第一书记", "驻村", "软弱涣散整顿"}
    for path in GOLDEN.glob("*.yml"):
        sample = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in texts(sample):
            assert not NOISE.search(text), f"{path.name}: {text}"


def test_rerun_writes_identical_files(tmp_path):
    assert run_ingest(SEED, "--out", tmp_path).returncode == 0
    first = files(tmp_path)
    second = run_ingest(SEED, "--out", tmp_path)
    assert second.returncode == 0
    assert files(tmp_path) == first
    assert "写入 0 个，未变 10 个" in second.stdout


@pytest.mark.parametrize(
    "encoding, newline, bom",
    [("gb18030", "\n", False), ("gbk", "\r\n", False), ("utf-8", "\r\n", False), ("utf-8", "\n", True)],
)
def test_encoding_and_line_ending_variants_give_the_same_samples(tmp_path, encoding, newline, bom):
    raw = tmp_path / "raw" / f"seed-{encoding}{'-bom' if bom else ''}.txt"  # ids must not depend on the name
    raw.parent.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("\n", newline)
    raw.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    out = tmp_path / "out"
    result = run_ingest(raw, "--out", out)
    assert result.returncode == 0, result.stderr
    golden = {name: yaml.safe_load(data) for name, data in files(GOLDEN).items()}
    variant = {name: yaml.safe_load(data) for name, data in files(out).items()}
    for sample in [*golden.values(), *variant.values()]:
        sample["source"].pop("file")  # where the raw copy lives differs; all else must not
    assert variant == golden


def test_hand_edited_sample_is_kept_unless_forced(tmp_path):
    assert run_ingest(SEED, "--out", tmp_path).returncode == 0
    edited = tmp_path / "cunshuji-5ebf64.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("水泉沟村", "水泉沟村（已核对）"), encoding="utf-8")
    kept = edited.read_bytes()
    result = run_ingest(SEED, "--out", tmp_path)
    assert result.returncode == 0
    assert edited.read_bytes() == kept
    assert "cunshuji-5ebf64.yml" in result.stdout and "--force" in result.stdout
    forced = run_ingest(SEED, "--out", tmp_path, "--force")
    assert forced.returncode == 0
    assert edited.read_bytes() == (GOLDEN / "cunshuji-5ebf64.yml").read_bytes()


def test_curated_library_is_protected_from_ingest(tmp_path):
    """The committed library carries hand fixes: re-running the ingest on it skips every file."""
    library = ROOT / "library" / "samples"
    before = files(library)
    result = run_ingest(SEED, "--out", library)
    assert result.returncode == 0
    assert files(library) == before
    assert "跳过 10 个" in result.stdout


@pytest.mark.parametrize(
    "content, message",
    [(b"", "文件为空"), (b"\x00\x01\x02binary\x00", "看起来是二进制文件"),
     ("合集下载\n\n相关文档\n\n最新文档\n".encode("utf-8"), "没有找到任何报告正文"),
     ("村书记述职报告\n\n村书记述职报告\n\n下面是小编整理的范文，仅供参考。\n".encode("gb18030"), "没有找到任何报告正文")],
)
def test_unusable_raw_file_fails_cleanly(tmp_path, content, message):
    raw = tmp_path / "bad.txt"
    raw.write_bytes(content)
    out = tmp_path / "out"
    result = run_ingest(SEED, raw, "--out", out)
    assert result.returncode == 1
    assert f"bad.txt: {message}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists() or not list(out.iterdir())  # nothing half-written


def test_missing_raw_file_fails_cleanly(tmp_path):
    result = run_ingest(tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "nope.txt: 无法读取：文件不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_page_met_twice_is_kept_once(tmp_path):
    copy = tmp_path / "copy-of-seed.txt"
    copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    result = run_ingest(SEED, copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert files(tmp_path / "out") == files(GOLDEN)
    assert "copy-of-seed.txt（GB18030，LF）：拆出 0 篇报告" in result.stdout
    assert "清理·重复内容：10 处" in result.stdout
