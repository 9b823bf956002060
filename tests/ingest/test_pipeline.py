"""Unit tests of hooks/shuzhi/ingest/pipeline.py: duplicate reports and sample ids."""

from shuzhi.ingest.pipeline import ingest_page, sample_id


def test_duplicate_report_is_dropped_once():
    page = "村书记述职报告\n\n村书记述职报告各位领导：我任村书记以来，工作取得成效。\n\n村书记述职报告\n\n村书记述职报告各位领导:我任村书记以来,工作取得成效。\n"
    result = ingest_page(page, "raw/x.txt")
    assert len(result.samples) == 1


def test_sample_id_comes_from_the_text_not_the_file():
    used: set[str] = set()
    assert sample_id("驻村", "4372ffab" * 8, used) == "zhucun-4372ff"
    assert sample_id("驻村", "4372ffcd" * 8, used) == "zhucun-4372ffcd43"  # prefix clash: longer
    page = "村书记述职报告\n\n村书记述职报告各位领导：我任村书记以来，工作取得成效。\n"
    assert ingest_page(page, "a.txt").samples[0].sample.id == ingest_page(page, "raw/其他名字.txt").samples[0].sample.id
