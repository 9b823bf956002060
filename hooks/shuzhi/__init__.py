"""The 述职报告 exemplar site, as one package with a subpackage per concern.

Read it in the order the data flows:

- ``library``: the sample model (types, section kinds, records), loading and
  validating the YAML library, writing sample YAML;
- ``ingest``: a scraped raw page -> curated-sample records (decode, split,
  clean, restructure, classify);
- ``site``: library -> the generated pages (plan, HTML, URLs, guides' examples);
- ``search``: rendered pages -> the phrase-search index.

Only ``hooks/shuzhi_hooks.py`` imports mkdocs; every module here is plain
Python with unit tests.
"""
