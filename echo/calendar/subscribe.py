"""Links that subscribe a calendar app to a feed in one click: ``webcal://`` (Apple Calendar,
Outlook desktop and most phones), Google Calendar's "add by URL" and Outlook on the web.
Pure: the feed's absolute URL in, the links out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit, urlunsplit


@dataclass(frozen=True)
class Subscription:
    feed: str  # the https:// address, to copy
    webcal: str
    google: str
    outlook: str


# Pure, so remembered: a public program's page makes the same links on every view.
@lru_cache(maxsize=1024)
def subscription(feed_url: str, name: str) -> Subscription:
    """The ways to subscribe to ``feed_url`` (an absolute http(s) URL) named ``name``."""
    parts = urlsplit(feed_url)
    # webcal is the feed's own address with the scheme swapped (a de facto scheme that
    # calendar apps register for; there is no RFC).
    webcal = urlunsplit(("webcal", parts.netloc, parts.path, parts.query, ""))
    return Subscription(
        feed=feed_url,
        webcal=webcal,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        outlook=(
            "https://outlook.live.com/calendar/0/addfromweb?url="
            + quote(feed_url, safe="")
            + "&name="
            + quote(name, safe="")
        ),
    )
