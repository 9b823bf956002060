"""Unit tests of hooks/shuzhi/ingest/decode.py: encodings and line endings, refused files."""

import pytest

from shuzhi.ingest.decode import RawInputError, decode_raw

TEXT = "村书记述职报告\r\n\r\n各位领导，同志们：\r\n"


@pytest.mark.parametrize(
    "data, encoding, ending",
    [
        (TEXT.replace("\r\n", "\n").encode("utf-8"), "UTF-8", "LF"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 BOM", "CRLF"),
        (TEXT.encode("gb18030"), "GB18030", "CRLF"),
        (TEXT.replace("\r\n", "\r").encode("gbk"), "GB18030", "CR"),
    ],
)
def test_decode_variants_give_the_same_text(data, encoding, ending):
    decoded = decode_raw(data)
    assert decoded.text == TEXT.replace("\r\n", "\n")
    assert (decoded.encoding, decoded.line_ending) == (encoding, ending)


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "文件为空"), (b"  \n\r\n", "文件为空"), (b"\x89PNG\r\n\x1a\n\x00\x00", "二进制"),
     (bytes(range(1, 32)) * 20, "二进制"), (b"\xff\xfe\xfd\xfc" * 10, "无法解码")],
)
def test_decode_refuses_empty_and_binary(data, reason):
    with pytest.raises(RawInputError, match=reason):
        decode_raw(data)
