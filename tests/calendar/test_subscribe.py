"""One-click calendar subscriptions: webcal, Google Calendar and Outlook on the web."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from starlette.testclient import TestClient

from echo.calendar.subscribe import subscription


def test_each_link_carries_the_feed_address() -> None:
    feed = "https://echo.example.org/programs/peds-mh-echo/calendar.ics"
    sub = subscription(feed, "Peds & Teens ECHO")
    assert sub.feed == feed
    assert sub.webcal == "webcal://echo.example.org/programs/peds-mh-echo/calendar.ics"
    google = parse_qs(urlsplit(sub.google).query)
    assert urlsplit(sub.google).netloc == "calendar.google.com"
    assert google["cid"] == [sub.webcal]
    outlook = parse_qs(urlsplit(sub.outlook).query)
    assert outlook == {"url": [feed], "name": ["Peds & Teens ECHO"]}


def test_a_public_program_page_offers_the_subscriptions(client: TestClient) -> None:
    page = client.get("/programs/peds-mh-echo").text
    assert "Add this program&#39;s sessions to your calendar" in page
    assert 'href="webcal://' in page and "calendar.google.com/calendar/render?cid=webcal" in page
    assert "outlook.live.com/calendar/0/addfromweb?url=http" in page
