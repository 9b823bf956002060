"""Turn a raw file's bytes into text: UTF-8 (with or without BOM) or GB18030/GBK,
LF, CRLF or CR line endings. Empty and binary files are refused with a reason."""

from __future__ import annotations

from dataclasses import dataclass

# Share of C0 control characters (other than tab/newline) above which a file
# is treated as binary even if it happens to decode.
MAX_CONTROL_SHARE = 0.01


class RawInputError(Exception):
    """A raw file that cannot be ingested; the message names the reason."""


@dataclass(frozen=True)
class DecodedText:
    text: str  # LF line endings, no BOM
    encoding: str  # "UTF-8", "UTF-8 BOM" or "GB18030"
    line_ending: str  # "LF", "CRLF", "CR" or "无换行"


def decode_raw(data: bytes) -> DecodedText:
    if not data.strip():
        raise RawInputError("文件为空")
    if b"\x00" in data:
        raise RawInputError("看起来是二进制文件（含 NUL 字节），不是文本")
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = _decode(data[3:], "utf-8"), "UTF-8 BOM"
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _decode(data, "gb18030"), "GB18030"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise RawInputError(f"看起来是二进制文件（{controls} 个控制字符），不是文本")
    if not text.strip():
        raise RawInputError("文件只有空白，没有文字")
    return DecodedText(_to_lf(text), encoding, _line_ending(text))


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise RawInputError(
            f"既不是 UTF-8 也不是 GB18030 编码（第 {err.start} 字节无法解码），可能是二进制文件"
        ) from None


def _line_ending(text: str) -> str:
    if "\r\n" in text:
        return "CRLF"
    if "\r" in text:
        return "CR"
    return "LF" if "\n" in text else "无换行"


def _to_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
