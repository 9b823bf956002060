"""The scale benchmark (scripts/benchmark_scale.py) and the browser tooling it
shares with the browser tests; not used by the site build.

synthetic generates a library of any size; builds builds our site and a stock
Material baseline from it; truth says which pages should match a phrase;
browser times and scores queries in Chromium (started by chromium); run does
one size end to end; report prints the tables.
"""
