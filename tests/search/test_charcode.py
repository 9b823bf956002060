"""Page records coded as character ranks (shuzhi.search.charcode)."""

from __future__ import annotations

import pytest

from shuzhi.search.charcode import ESCAPE, ONE_BYTE, TWO_BYTES, CharTable, char_table


def test_table_lists_characters_most_frequent_first_then_by_code_point():
    assert char_table(["乙甲甲", "丙乙甲"]).chars == "甲乙丙"
    assert char_table(["ba"]).chars == "ab"
    assert char_table([]).chars == ""


def test_frequent_characters_take_one_byte_and_texts_round_trip():
    texts = ["集体经济收入", "", "“三会一课”，按月开展。\n", "𠀀 surrogate pair"]
    table = char_table(texts)
    coded = table.encode(texts)
    assert [table.decode(data) for data in coded] == texts
    assert coded[0] == bytes(table.chars.index(ch) for ch in "集体经济收入")
    assert coded[1] == b""


def test_rare_characters_take_two_bytes_and_the_rarest_four():
    # TWO_BYTES + 2 distinct characters, each once; order is then by code point.
    chars = "".join(chr(0x4E00 + i) for i in range(TWO_BYTES + 2))
    table = CharTable(chars)
    text = chars[0] + chars[ONE_BYTE] + chars[ONE_BYTE + 257] + chars[TWO_BYTES + 1]
    data = table.encode([text])[0]
    assert data == bytes([0, ONE_BYTE, 0, ONE_BYTE + 1, 1, ESCAPE]) + (TWO_BYTES + 1).to_bytes(3, "big")
    assert table.decode(data) == text


def test_a_character_missing_from_the_table_is_refused():
    with pytest.raises(ValueError, match="lacks"):
        CharTable("甲").encode(["甲乙"])
