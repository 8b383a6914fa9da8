"""Benchmark harness: Echo's program page against a bare Starlette + Jinja2 page.

Run it with ``python -m bench`` (``make bench``); see bench/README.md.
"""
