"""From rendered pages to the phrase-search index: extract splits a page into
sections of paragraphs, index collects them and writes the index file that the
search worker (overrides/assets/javascripts/search/) reads; traditional builds
the vendored traditional-to-simplified table the worker and pages fold with."""
