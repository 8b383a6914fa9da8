"""The server-side request forgery guard: only https addresses on the public internet,
unless the settings allow a local receiver (echo.webhooks.addresses)."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from echo.web.params import Invalid
from echo.webhooks.addresses import Refused, Unresolvable, check, endpoint_url, is_public

PUBLIC = "93.184.215.14"  # a public address (never contacted: check only resolves)


def resolver(*addresses: str) -> Any:
    """A stand-in for DNS answering ``addresses`` for any name."""

    def resolve(host: str, port: int, **_kwargs: object) -> list[tuple[Any, ...]]:
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    return resolve


def no_dns(host: str, port: int, **_kwargs: object) -> list[tuple[Any, ...]]:
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://127.0.0.1/hook", "127.0.0.1"),  # loopback
        ("https://[::1]/hook", "::1"),
        ("https://10.1.2.3/hook", "10.1.2.3"),  # RFC 1918
        ("https://172.16.0.9/hook", "172.16.0.9"),
        ("https://192.168.1.1/hook", "192.168.1.1"),
        ("https://169.254.169.254/latest/meta-data", "169.254.169.254"),  # cloud metadata
        ("https://100.64.0.1/hook", "100.64.0.1"),  # shared address space (RFC 6598)
        ("https://0.0.0.0/hook", "0.0.0.0"),  # noqa: S104 - an address refused, not a bind
        ("https://240.0.0.1/hook", "240.0.0.1"),  # reserved
        ("https://224.0.0.1/hook", "224.0.0.1"),  # multicast
        ("https://192.0.2.10/hook", "192.0.2.10"),  # documentation
        ("https://[fd00::1]/hook", "fd00::1"),  # unique local
        ("https://[fe80::1]/hook", "fe80::1"),  # link-local
        ("https://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1"),  # IPv4-mapped loopback
        ("https://[2002:a00:1::1]/hook", "2002:a00:1::1"),  # 6to4 around 10.0.0.1
    ],
)
def test_addresses_off_the_public_internet_are_refused(url: str, why: str) -> None:
    with pytest.raises(Refused, match="not on the public internet") as refused:
        check(url, allow_http=False, allow_private=False, resolve=no_dns)
    assert why in refused.value.message


def test_a_name_is_refused_when_any_address_it_resolves_to_is_private() -> None:
    with pytest.raises(Refused, match=r"internal\.example\.org leads to .*10\.0\.0\.7"):
        check(
            "https://internal.example.org/hook",
            allow_http=False,
            allow_private=False,
            resolve=resolver(PUBLIC, "10.0.0.7"),
        )


def test_localhost_resolves_to_loopback_and_is_refused() -> None:
    with pytest.raises(Refused, match="not on the public internet"):
        check("https://localhost/hook", allow_http=False, allow_private=False)


def test_a_public_name_is_accepted_with_every_address_checked() -> None:
    found = check(
        "https://hooks.example.org:8443/echo",
        allow_http=False,
        allow_private=False,
        resolve=resolver(PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
    )
    assert (found.host, found.port, found.scheme) == ("hooks.example.org", 8443, "https")
    assert [str(a) for a in found.addresses] == [PUBLIC, "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]
    assert all(is_public(a) for a in found.addresses)


def test_plain_http_is_refused_unless_allowed() -> None:
    with pytest.raises(Refused, match="https://"):
        check(f"http://{PUBLIC}/hook", allow_http=False, allow_private=False)
    assert check(f"http://{PUBLIC}/hook", allow_http=True, allow_private=False).port == 80


def test_loopback_is_allowed_only_with_the_private_setting() -> None:
    found = check("http://localhost:9/hook", allow_http=True, allow_private=True)
    assert found.host == "localhost" and found.port == 9
    assert all(a.is_loopback for a in found.addresses)


def test_a_name_with_no_address_is_unresolvable() -> None:
    with pytest.raises(Unresolvable, match=r"No address was found for nowhere\.example"):
        check("https://nowhere.example/hook", allow_http=False, allow_private=False, resolve=no_dns)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "starting with https://"),
        ("hooks.example.org/echo", "starting with https://"),
        ("ftp://hooks.example.org/echo", "starting with https://"),
        ("https://user:pw@hooks.example.org/echo", "starting with https://"),
        ("https://hooks.example.org/echo#part", "after #"),
        ("https://hooks.example.org/a b", "starting with https://"),
        ("https://hooks.example.org/\r\nX-Injected: 1", "starting with https://"),
        ("https://" + "a" * 500 + ".org/", "starting with https://"),
    ],
)
def test_endpoint_url_refuses_what_is_not_an_address(typed: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        endpoint_url(typed)


def test_endpoint_url_keeps_the_normalised_address() -> None:
    assert (
        endpoint_url("  https://Hooks.Example.ORG/echo?x=1 ")
        == "https://hooks.example.org/echo?x=1"
    )
    assert endpoint_url("https://bücher.example/in") == "https://xn--bcher-kva.example/in"
