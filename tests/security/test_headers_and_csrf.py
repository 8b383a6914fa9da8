"""Security headers on every response; CSRF on every state-changing request."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from echo.security.csrf import token_for
from tests.helpers import logged_in, page_csrf, text_of

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


@pytest.mark.parametrize(
    "path", ["/", "/login", "/programs/peds-mh-echo", "/no-such-page", "/static/css/echo.css"]
)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers[name] == value
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "strict-transport-security" not in response.headers  # http site: no HSTS


def test_authenticated_pages_are_not_stored(client: TestClient) -> None:
    assert "no-store" not in client.get("/").headers.get("cache-control", "")
    logged_in(client, "np@example.org")
    for path in ("/", "/me/programs", "/me/profile", "/programs/peds-mh-echo"):
        assert client.get(path).headers["cache-control"] == "no-store"


def test_no_inline_script_or_style_in_pages(client: TestClient) -> None:
    logged_in(client, "admin@example.org")
    for path in ("/", "/login", "/signup", "/me/profile", "/admin", "/hubs/cascadia/manage"):
        html = client.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert " onclick=" not in html and "javascript:" not in html


def test_post_without_csrf_token_is_refused(client: TestClient) -> None:
    logged_in(client, "outsider@example.org")
    response = client.post("/programs/peds-mh-echo/enroll", data={})
    assert response.status_code == 403
    assert "This form has expired" in text_of(response.text)
    page = client.get("/programs/peds-mh-echo").text
    assert "Request to join" in page  # nothing happened


def test_login_post_without_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/login", data={"email": "np@example.org", "password": "echo-demo"})
    assert response.status_code == 403
    assert "echo_session" not in response.headers.get("set-cookie", "")


def test_token_from_another_session_is_refused(client: TestClient, make_client: object) -> None:
    other = make_client()  # type: ignore[operator]
    foreign_token = page_csrf(other, "/login")
    logged_in(client, "outsider@example.org")
    response = client.post("/programs/peds-mh-echo/enroll", data={"csrf_token": foreign_token})
    assert response.status_code == 403


def test_htmx_header_token_is_accepted(client: TestClient) -> None:
    logged_in(client, "outsider@example.org")
    token = page_csrf(client, "/programs/peds-mh-echo")
    response = client.post(
        "/programs/peds-mh-echo/enroll", headers={"X-CSRF-Token": token, "HX-Request": "true"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/programs/peds-mh-echo?notice=requested"


def test_non_ascii_token_is_refused_not_crashing(client: TestClient) -> None:
    response = client.post("/login", data={"csrf_token": "é" * 64, "email": "x", "password": "y"})
    assert response.status_code == 403


def test_tokens_differ_per_binding() -> None:
    assert token_for("k" * 40, "session-a") != token_for("k" * 40, "session-b")
    assert token_for("k" * 40, "session-a") == token_for("k" * 40, "session-a")
