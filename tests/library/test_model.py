"""Unit tests of hooks/shuzhi/library/model.py."""

from shuzhi.library.model import count_chars


def test_count_chars_like_word():
    assert count_chars("发展1-2个项目，20xx年 OK") == 12
