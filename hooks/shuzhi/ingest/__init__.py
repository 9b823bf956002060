"""From a scraped raw page to curated-sample records.

decode (bytes -> text) -> split (one page -> reports; it drops the site's
furniture lines, recognised in noise) -> clean (chatter, spam, typos) ->
structure (paragraphs, headings, section kinds) -> classify (type, tags,
flags); pipeline chains them. Every line taken out is logged with its rule.
Pure: scripts/ingest.py does the file writes.
"""
