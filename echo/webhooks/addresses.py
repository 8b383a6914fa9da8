"""Where a webhook may go: the server-side request forgery guard (no database or HTTP).

Echo posts to addresses a hub types in, from inside its own network, so an endpoint must
not lead to Echo's own machine or network: a URL is refused unless it is https (plain
http only with ECHO_WEBHOOKS_ALLOW_HTTP) and every address its host resolves to is on the
public internet (loopback, private, shared, link-local, multicast, reserved and
documentation ranges are refused unless ECHO_WEBHOOKS_ALLOW_PRIVATE). The check runs when
an endpoint is registered and again before every attempt, and the request then goes to
the very address that was checked (echo.webhooks.delivery), so a name that resolves to a
public address when checked and a private one a moment later (DNS rebinding) gains
nothing. Redirects are never followed.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import HttpUrl, TypeAdapter, ValidationError

from echo.web.params import Invalid

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# socket.getaddrinfo's shape: (host, port, ...) -> [(family, type, proto, name, sockaddr)]
Resolver = Callable[..., Sequence[tuple[Any, ...]]]

MAX_URL = 500
_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)
WRONG_URL = "Enter the endpoint's web address, starting with https://, like https://example.org/echo-events."


class Refused(Exception):
    """Echo will not send to this address; the message says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unresolvable(Refused):
    """The host has no address now (maybe only for now: a delivery retries)."""


@dataclass(frozen=True)
class Destination:
    """A checked endpoint: where to connect, and the names to send in Host and SNI."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA), without brackets
    port: int
    addresses: tuple[IPAddress, ...]  # each one checked, in the resolver's order


def endpoint_url(text: str) -> str:
    """An endpoint address as typed, checked for form only (http or https, a host, no
    user name or password) and normalised; Invalid otherwise. Whether Echo may send to
    it is ``check``'s question."""
    cleaned = text.strip() if text else ""
    if not cleaned or len(cleaned) > MAX_URL or any(ch.isspace() or ord(ch) < 32 for ch in cleaned):
        raise Invalid(WRONG_URL)
    try:
        url = _URL.validate_python(cleaned)
    except ValidationError as error:
        raise Invalid(WRONG_URL) from error
    if url.scheme not in ("http", "https") or not url.host or url.username or url.password:
        raise Invalid(WRONG_URL)
    if url.fragment:
        raise Invalid("Leave out the part after #: it is never sent to the server.")
    normalised = str(url)
    if len(normalised) > MAX_URL:
        raise Invalid(WRONG_URL)
    return normalised


def is_public(address: IPAddress) -> bool:
    """An address on the public internet: not loopback, private (RFC 1918, unique local),
    shared (RFC 6598), link-local, multicast, reserved, unspecified or documentation;
    IPv4 inside IPv6 (mapped, 6to4, Teredo) is judged as the IPv4 address it carries."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = [address.ipv4_mapped, address.sixtofour]
        if address.teredo is not None:
            embedded.extend(address.teredo)
        if any(inner is not None and not is_public(inner) for inner in embedded):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(host: str, port: int, resolve: Resolver) -> tuple[IPAddress, ...]:
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    try:
        found = resolve(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise Unresolvable(f"No address was found for {host}. Check the name.") from error
    addresses: list[IPAddress] = []
    for *_rest, sockaddr in found:
        text = str(sockaddr[0]).split("%", 1)[0]  # an IPv6 scope (fe80::1%eth0)
        address = ipaddress.ip_address(text)
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise Unresolvable(f"No address was found for {host}. Check the name.")
    return tuple(addresses)


def check(
    url: str,
    *,
    allow_http: bool,
    allow_private: bool,
    resolve: Resolver = socket.getaddrinfo,
) -> Destination:
    """Where Echo may send ``url`` (a value endpoint_url accepted), or Refused."""
    try:
        parsed = _URL.validate_python(url)
    except ValidationError as error:
        raise Refused(WRONG_URL) from error
    if parsed.scheme != "https" and not (parsed.scheme == "http" and allow_http):
        raise Refused("Use an address starting with https://: Echo sends webhooks only over https.")
    host = (parsed.host or "").strip("[]")
    if not host:
        raise Refused(WRONG_URL)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = _resolve(host, port, resolve)
    if not allow_private:
        hidden = [a for a in addresses if not is_public(a)]
        if hidden:
            raise Refused(
                f"{host} leads to an address that is not on the public internet "
                f"({hidden[0]}): Echo sends webhooks only to public addresses."
            )
    return Destination(url, parsed.scheme, host, port, addresses)
