"""From the library to the site's pages.

pages plans every generated page; render writes the HTML of the pages that
grow with the library; markup and escape make copyable, literal report text;
urls, paging and related place and link the pages; guides fills the examples
into the hand-written section guides.
"""
