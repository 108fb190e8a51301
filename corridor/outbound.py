"""Fetching a URL a user gave, so that it cannot be turned inward (server-side request forgery).

Only http and https, only to public addresses: the host name is resolved first and every address it
resolves to must be a public one (not loopback, private, link-local, unique-local, shared, reserved,
multicast or unspecified, and not such an address wrapped in IPv6: mapped, 6to4, Teredo, NAT64).
The connection then goes to the address that was checked (the Host header and the TLS name stay the
URL's), so a second, different answer of the name server cannot send it elsewhere. Redirects are
followed by hand, each target checked the same way, at most MAX_REDIRECTS of them; the body is cut
at CORRIDOR_MAX_DOCUMENT_BYTES and the whole fetch at CORRIDOR_FETCH_TIMEOUT seconds.

Numeric spellings of an address ("2130706433", "0x7f.1", "127.1", "[::ffff:127.0.0.1]") are read by
the resolver into the address they stand for, and refused like it."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from corridor.config import get_settings
from corridor.errors import Code, CorridorError

MAX_REDIRECTS = 5
NAT64 = ipaddress.ip_network("64:ff9b::/96")
REFUSED_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def public(address: str) -> bool:
    """Whether an IP address is one on the public internet (and no private address hides inside it)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and not public(str(inner)):
            return False
        if ip.ipv4_mapped is not None:
            return True
    return ip.is_global and not ip.is_multicast and not ip.is_reserved and not ip.is_unspecified


def resolve(host: str, port: int) -> list[str]:
    """Every address the name resolves to (an IP literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def check(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, a checked public address) of a URL that may be fetched; E111 otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CorridorError(Code.E111, url, url=url, detail="only http and https URLs")
    if parts.username or parts.password:
        raise CorridorError(Code.E111, url, url=url, detail="no user names or passwords in URLs")
    host = parts.hostname.rstrip(".").lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise CorridorError(Code.E111, url, url=url, detail="not a valid port") from None
    if host in REFUSED_NAMES or host.endswith(".localhost"):
        raise CorridorError(Code.E111, url, url=url, detail="the address is not a public one")
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        raise CorridorError(Code.E109, url, url=url, detail="the host name could not be resolved") from None
    if not addresses or not all(public(a) for a in addresses):
        raise CorridorError(Code.E111, url, url=url, detail="the address is not a public one")
    return parts.scheme, host, port, addresses[0]


def fetch(url: str) -> Fetched:
    """GET a user's URL under the rules above."""
    settings = get_settings()
    deadline = time.monotonic() + settings.fetch_timeout
    with httpx.Client(follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port, address = check(url)
            parts = urlsplit(url)
            literal = f"[{address}]" if ":" in address else address
            direct = urlunsplit((scheme, f"{literal}:{port}", parts.path or "/", parts.query, ""))
            default = port == (443 if scheme == "https" else 80)
            host_header = (f"[{host}]" if ":" in host else host) + ("" if default else f":{port}")
            try:
                with client.stream("GET", direct, headers={"Host": host_header}, timeout=_left(deadline, url),
                                   extensions={"sni_hostname": host}) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    response.raise_for_status()
                    content = _read(response, settings.max_document_bytes, deadline, url)
                    return Fetched(url, content, response.headers.get("content-type", ""))
            except httpx.HTTPStatusError as exc:
                raise CorridorError(Code.E109, url, url=url, detail=f"HTTP {exc.response.status_code}") from None
            except httpx.HTTPError as exc:
                raise CorridorError(Code.E109, url, url=url, detail=type(exc).__name__) from None
    raise CorridorError(Code.E109, url, url=url, detail=f"more than {MAX_REDIRECTS} redirects")


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise CorridorError(Code.E109, url, url=url, detail="took too long")
    return left


def _read(response: httpx.Response, limit: int, deadline: float, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise CorridorError(Code.E105, url, limit=limit)
        _left(deadline, url)
        chunks.append(chunk)
    return b"".join(chunks)
