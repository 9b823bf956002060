"""Golden and command-line tests for scripts/ingest.py on the seed page: the
whole of hooks/shuzhi/ingest/ end to end, writing sample files."""

import os
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


# Every failure is lines of `file: field: message` on stderr (drafts: `file#id: field: message`).
PROBLEM_LINE = re.compile(r"^[^\n:]+(?:#[a-z0-9-]+)?: [^\n:]+: [^\n]+$")


def assert_clean_failure(result: subprocess.CompletedProcess, code: int = 1) -> None:
    assert result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) for line in lines), result.stderr


@pytest.mark.parametrize(
    "content, message",
    [(b"", "内容: 文件为空"), (b"\x00\x01\x02binary\x00", "内容: 看起来是二进制文件"),
     (b"\xff\xfe" + "村书记述职报告".encode("utf-16-le"), "内容: 既不是 UTF-8 也不是 GB18030 编码"),
     ("合集下载\n\n相关文档\n\n最新文档\n".encode("utf-8"), "正文: 没有找到任何报告正文"),
     ("村书记述职报告\n\n村书记述职报告\n\n下面是小编整理的范文，仅供参考。\n".encode("gb18030"), "正文: 没有找到任何报告正文")],
)
def test_unusable_raw_file_fails_cleanly(tmp_path, content, message):
    raw = tmp_path / "bad.txt"
    raw.write_bytes(content)
    out = tmp_path / "out"
    result = run_ingest(SEED, raw, "--out", out)
    assert_clean_failure(result)
    assert f"bad.txt: {message}" in result.stderr
    assert "未写入任何文件" in result.stdout
    assert not out.exists()  # nothing written, not even the folder


def test_missing_raw_file_fails_cleanly(tmp_path):
    result = run_ingest(tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert_clean_failure(result)
    assert result.stderr == "nope.txt: 文件: 无法读取：文件不存在\n"


def test_raw_file_that_is_a_folder_or_a_pipe_fails_without_hanging(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")  # reading a FIFO nobody writes to would block forever
    result = run_ingest(tmp_path / "folder.txt", tmp_path / "pipe.txt", "--out", tmp_path / "out")
    assert_clean_failure(result)
    assert result.stderr.splitlines() == [
        "folder.txt: 文件: 无法读取：这是文件夹，不是文件",
        "pipe.txt: 文件: 无法读取：不是普通文件（可能是管道或设备）",
    ]


def test_unreadable_and_oversized_raw_files_fail_cleanly(tmp_path, monkeypatch, capsys):
    # Tests run as root, which reads any file whatever its mode: simulate an
    # unreadable file by making the read itself fail as it would for a user.
    import ingest

    locked, big = tmp_path / "locked.txt", tmp_path / "big.txt"
    locked.write_text("村书记述职报告\n各位领导：我任村书记以来，工作取得成效。\n", encoding="utf-8")
    big.write_bytes(b"x" * 2048)
    real_read = Path.read_bytes

    def read_bytes(path):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(ingest, "MAX_RAW_BYTES", 1024)
    assert ingest.main([str(locked), str(big), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["locked.txt: 文件: 无法读取：权限不足", "big.txt: 文件: 文件太大（0 MB），不像一页网页存档"]
    assert not (tmp_path / "out").exists()


def test_raw_file_name_with_a_newline_or_undecodable_bytes_is_one_line(tmp_path):
    bad_names = [os.fsencode(tmp_path) + b"/line\nbreak.txt", os.fsencode(tmp_path) + b"/gbk-\xb4\xe5.txt"]
    for name in bad_names:
        Path(os.fsdecode(name)).write_bytes(SEED.read_bytes())
    result = subprocess.run([sys.executable, str(SCRIPT), *bad_names, "--out", str(tmp_path / "out")],
                            capture_output=True, cwd=ROOT, timeout=120)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in stderr
    assert stderr.splitlines() == [
        "line\\nbreak.txt: 文件名: 文件名里有控制字符或不是 UTF-8 编码的字节，请改名后再整理",
        "gbk-\\udcb4\\udce5.txt: 文件名: 文件名里有控制字符或不是 UTF-8 编码的字节，请改名后再整理",
    ]


def test_out_pointing_at_a_file_fails_cleanly(tmp_path):
    target = tmp_path / "out.yml"
    target.write_text("不是文件夹", encoding="utf-8")
    result = run_ingest(SEED, "--out", target)
    assert_clean_failure(result)
    assert result.stderr == "out.yml: --out: 这是一个文件，不是文件夹：请指定放样本的文件夹\n"
    assert target.read_text(encoding="utf-8") == "不是文件夹"


def test_out_below_a_file_fails_cleanly(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = run_ingest(SEED, "--out", tmp_path / "notes.txt" / "samples")
    assert_clean_failure(result)
    assert result.stderr == "samples: --out: 路径中的“notes.txt”是文件，不是文件夹\n"


def test_read_only_output_folder_fails_before_anything_is_written(tmp_path, monkeypatch, capsys):
    # As root, chmod cannot make a folder unwritable, so the file system's
    # refusal is simulated where the ingest creates files (mkstemp), exactly as
    # a read-only folder or mount would refuse it.
    import ingest
    import shuzhi.library.store as store

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkstemp", refuse)
    out = tmp_path / "readonly"
    out.mkdir()
    assert ingest.main([str(SEED), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "readonly: --out: 无法在输出文件夹里写文件：权限不足\n"
    assert "未写入任何文件" in captured.out
    assert list(out.iterdir()) == []


def test_failed_write_leaves_no_half_file_and_is_reported(tmp_path, monkeypatch, capsys):
    import ingest
    import shuzhi.library.store as store

    assert ingest.main([str(SEED), "--out", str(tmp_path)]) == 0
    victim = tmp_path / "zhucun-4372ff.yml"
    victim.write_bytes(victim.read_bytes().replace(b"ingest-sha256: ", b"ingest-sha256: 0", 1)[:-1])  # stale, invalid checksum
    stale = tmp_path / "zhucun-e9959c.yml"
    stale.unlink()
    capsys.readouterr()
    real_replace = os.replace

    def disk_full(src, dst):
        if Path(dst).name == "zhucun-e9959c.yml":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", disk_full)
    assert ingest.main([str(SEED), "--out", str(tmp_path), "--force"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "out/zhucun-e9959c.yml: 写入: 写入失败，原文件未改动：磁盘空间不足\n".replace(
        "out/", f"{tmp_path.name}/")
    assert "写入 1 个，未变 8 个，跳过 0 个，未能写入 1 个" in captured.out
    assert "  写入：zhucun-4372ff.yml" in captured.out
    assert "  未能写入（原因见错误输出）：zhucun-e9959c.yml" in captured.out
    assert not stale.exists()
    assert victim.read_bytes() == (GOLDEN / victim.name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp files left


def test_existing_folder_in_place_of_an_output_file_is_reported(tmp_path):
    (tmp_path / "zhucun-4372ff.yml").mkdir()
    result = run_ingest(SEED, "--out", tmp_path)
    assert_clean_failure(result)
    assert result.stderr == f"{tmp_path.name}/zhucun-4372ff.yml: 写入: 同名的不是普通文件（可能是文件夹），没有覆盖\n"
    assert "写入 9 个" in result.stdout


def test_malformed_command_line_is_one_line(tmp_path):
    result = run_ingest(SEED)
    assert_clean_failure(result, code=2)
    assert result.stderr.startswith("scripts/ingest.py: 命令行: 缺少参数 --out；用法：")


EDITS = {
    "comment above the checksum line": lambda t: t.replace("# ingest-sha256", "# 已核对原文\n# ingest-sha256", 1),
    "edited first line": lambda t: t.replace("可以直接人工修改", "已人工修改", 1),
    "first line removed": lambda t: t.split("\n", 1)[1],
    "comment at the end": lambda t: t + "# 待补充\n",
    "CRLF line endings": lambda t: t.replace("\n", "\r\n"),
    "byte order mark": lambda t: "\ufeff" + t,
    "paragraph edited": lambda t: t.replace("水泉沟村", "水泉沟村（已核对）", 1),
    "checksum recomputed over a reformatted body": None,
}


@pytest.mark.parametrize("edit", EDITS)
def test_any_hand_edit_is_kept_unless_forced(tmp_path, edit, capsys):
    import ingest

    assert ingest.main([str(SEED), "--out", str(tmp_path)]) == 0
    path = tmp_path / "cunshuji-5ebf64.yml"
    text = path.read_bytes().decode("utf-8")
    if EDITS[edit] is None:
        # A curator's reformatting that happens to carry a correct checksum is still not the ingest's output.
        import hashlib
        header, _, body = text.split("\n", 2)
        body = body.replace("paragraphs:\n  - ", "paragraphs:\n    - ")
        edited = f"{header}\n# ingest-sha256: {hashlib.sha256(body.encode()).hexdigest()}\n{body}"
    else:
        edited = EDITS[edit](text)
    path.write_bytes(edited.encode("utf-8"))
    capsys.readouterr()
    assert ingest.main([str(SEED), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert path.read_bytes() == edited.encode("utf-8")
    assert "写入 0 个，未变 9 个，跳过 1 个" in out
    assert "跳过（人工改过，未覆盖；加 --force 可覆盖）：cunshuji-5ebf64.yml" in out
    assert ingest.main([str(SEED), "--out", str(tmp_path), "--force"]) == 0
    assert path.read_bytes() == (GOLDEN / path.name).read_bytes()


def test_previous_generated_output_is_replaced(tmp_path):
    """A file exactly as an earlier ingest run wrote it (valid checksum) is the
    ingest's own, and a new run may replace it."""
    from dataclasses import replace

    from shuzhi.library.load import parse_sample
    from shuzhi.library.store import dump_generated

    golden = GOLDEN / "cunshuji-5ebf64.yml"
    sample, problems = parse_sample(golden.read_bytes(), golden.name, curated=False)
    assert not problems
    older = dump_generated(replace(sample, title="旧版本的标题", path=""))
    (tmp_path / golden.name).write_text(older, encoding="utf-8")
    result = run_ingest(SEED, "--out", tmp_path)
    assert result.returncode == 0
    assert (tmp_path / golden.name).read_bytes() == golden.read_bytes()
    assert "写入 10 个" in result.stdout


def test_a_page_met_twice_is_kept_once(tmp_path):
    copy = tmp_path / "copy-of-seed.txt"
    copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    result = run_ingest(SEED, copy, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert files(tmp_path / "out") == files(GOLDEN)
    assert "copy-of-seed.txt（GB18030，LF）：拆出 0 篇报告" in result.stdout
    assert "清理·重复内容：10 处" in result.stdout
