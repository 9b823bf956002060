"""From a scraped raw page to curated-sample records.

decode (bytes -> text) -> split (one page -> reports) -> clean (furniture,
chatter, spam, typos) -> structure (paragraphs, headings, section kinds) ->
classify (type, tags, flags); pipeline chains them. Pure: scripts/ingest.py
does the file writes.
"""
