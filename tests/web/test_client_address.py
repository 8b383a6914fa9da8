"""Whom login throttling counts behind reverse proxies (echo.web.context.client_address)."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from echo.settings import Settings
from echo.web.context import client_address


def _request(forwarded: str | None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/login",
            "headers": headers,
            "client": ("10.0.0.5", 51000),
        }
    )


def _settings(trust: bool, hops: int = 1) -> Settings:
    return Settings(trust_forwarded_for=trust, forwarded_for_hops=hops)


def test_without_trust_the_header_is_ignored() -> None:
    assert client_address(_request("192.0.2.1"), _settings(False)) == "10.0.0.5"


def test_one_proxy_that_replaces_the_header() -> None:
    assert client_address(_request("198.51.100.7"), _settings(True)) == "198.51.100.7"


def test_a_forged_first_entry_is_not_taken_from_an_appending_proxy() -> None:
    # nginx with $proxy_add_x_forwarded_for appends what it saw after the client's own.
    request = _request("192.0.2.77, 198.51.100.7")
    assert client_address(request, _settings(True)) == "198.51.100.7"


def test_two_proxies_of_ours_take_the_second_from_the_right() -> None:
    request = _request("192.0.2.77, 198.51.100.7, 10.0.0.9")
    assert client_address(request, _settings(True, hops=2)) == "198.51.100.7"


@pytest.mark.parametrize("hops", [1, 3])
def test_a_long_forged_header_cannot_push_out_the_proxys_entry(hops: int) -> None:
    forged = ", ".join(f"192.0.2.{n % 250}" for n in range(400))
    request = _request(f"{forged}, 198.51.100.7")
    expected = "198.51.100.7" if hops == 1 else "192.0.2.148"
    assert client_address(request, _settings(True, hops=hops)) == expected


def test_no_header_falls_back_to_the_connection() -> None:
    assert client_address(_request(None), _settings(True)) == "10.0.0.5"
    assert client_address(_request(" , "), _settings(True)) == "10.0.0.5"
