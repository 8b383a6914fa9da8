"""Benchmark harness: Echo's program page against a bare Starlette + Jinja2 page, and
Echo's calendar feed against the same calendar built directly with ``icalendar``.

Run it with ``python -m bench`` (``make bench``); see bench/README.md.
"""
