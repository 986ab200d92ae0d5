"""Refusing to fetch from addresses a server must not reach on a stranger's behalf (SSRF).

A web app that fetches URLs its users type must not become their way into the machine's own
network: loopback, private and link-local ranges, cloud metadata (169.254.169.254, fd00:ec2::254),
multicast and reserved space. The host is checked in every form a URL can spell it (dotted, decimal
`2130706433`, octal `0177.0.0.1`, IPv6, IPv4-mapped IPv6) and, for a name, every address it resolves
to; as an httpx request hook, the check runs again on every redirect. (A name that resolves to a
public address when checked and a private one when connected, DNS rebinding, is not covered.)
"""

from __future__ import annotations

import ipaddress
import socket

import httpx

from claimledger.errors import ClaimLedgerError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (tests replace this to stand in for DNS)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise ClaimLedgerError(f"{host}: cannot be resolved ({error})") from None
    return [info[4][0] for info in infos]


def literal_address(host: str) -> Address | None:
    """The address a host spells itself, in any form the C resolver accepts, or None for a name."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%")[0])  # an IPv6 zone ("fe80::1%eth0") names no other host
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))  # 2130706433, 0x7f.1, 0177.0.0.1
    except OSError:
        return None


def forbidden(address: Address) -> bool:
    """Whether an address is anything but a public unicast one."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is not None and forbidden(embedded):
            return True
    return not address.is_global or address.is_multicast or address.is_reserved


def check_host(host: str) -> None:
    """Raise ClaimLedgerError unless every address `host` stands for is public."""
    if not host:
        raise ClaimLedgerError("the URL names no host")
    literal = literal_address(host)
    addresses = (
        [literal] if literal is not None else [ipaddress.ip_address(a.split("%")[0]) for a in resolve(host)]
    )
    for address in addresses:
        if forbidden(address):
            raise ClaimLedgerError(
                f"{host}: refused, it is a private, loopback, link-local or reserved address ({address}); "
                "the server fetches public addresses only (serve --allow-private-fetch lifts this)"
            )


def check_request(request: httpx.Request) -> None:
    """httpx request hook: runs before the first request and before each redirect is followed."""
    if request.url.scheme not in ("http", "https"):
        raise ClaimLedgerError(f"{request.url}: only http and https URLs are fetched")
    check_host(request.url.host)
