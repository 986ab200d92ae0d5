"""Fetching pages and reading RSS/Atom feeds, with limits so a bad server cannot stall or flood a run.

Every failure is a ClaimLedgerError naming the URL and what went wrong; the caller records it
and goes on with the next source.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

import httpx

from claimledger import __version__
from claimledger.errors import ClaimLedgerError
from claimledger.ledger import netguard

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
MAX_REDIRECTS = 5
MAX_BYTES = 10_000_000
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class Page:
    url: str  # after redirects
    content_type: str
    body: bytes

    @property
    def is_feed(self) -> bool:
        return self.content_type in FEED_TYPES or looks_like_feed(self.body)


@dataclass
class Entry:
    url: str
    title: str | None
    published: dt.date | None


def client(*, public_only: bool = False, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """public_only: refuse private, loopback and metadata addresses, on every redirect too (netguard)."""
    return httpx.Client(
        timeout=TIMEOUT,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": f"claimledger/{__version__}"},
        event_hooks={"request": [netguard.check_request]} if public_only else None,
        transport=transport,
    )


def fetch(http: httpx.Client, url: str, max_bytes: int = MAX_BYTES) -> Page:
    """The page at url, refused when it is not a web page or feed, or larger than max_bytes."""
    try:
        with http.stream("GET", url) as response:
            response.raise_for_status()
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type not in PAGE_TYPES | FEED_TYPES:
                raise ClaimLedgerError(
                    f"{url}: not a web page or feed (content type {content_type or 'missing'})"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise too_big(url, max_bytes)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise too_big(url, max_bytes)
            return Page(str(response.url), content_type, bytes(body))
    except httpx.InvalidURL as error:
        raise ClaimLedgerError(f"{url}: not a valid URL ({error})") from None
    except httpx.TooManyRedirects:
        raise ClaimLedgerError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise ClaimLedgerError(f"{url}: timed out") from None
    except httpx.HTTPStatusError as error:
        raise ClaimLedgerError(f"{url}: the server answered HTTP {error.response.status_code}") from None
    except httpx.HTTPError as error:
        raise ClaimLedgerError(f"{url}: cannot be fetched ({error or type(error).__name__})") from None


def too_big(url: str, max_bytes: int) -> ClaimLedgerError:
    return ClaimLedgerError(f"{url}: larger than the limit of {max_bytes:,} bytes")


def looks_like_feed(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def feed_entries(where: str, body: bytes) -> list[Entry]:
    """The linked entries of an RSS 2.0, RSS 1.0 or Atom feed, in feed order."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ClaimLedgerError(f"{where}: not an RSS or Atom feed ({error})") from None
    if root.tag == f"{ATOM}feed":
        return [atom_entry(entry) for entry in root.iter(f"{ATOM}entry") if atom_link(entry)]
    if local_name(root.tag) not in ("rss", "RDF"):
        raise ClaimLedgerError(
            f"{where}: not an RSS or Atom feed (its root element is <{local_name(root.tag)}>)"
        )
    items = [item for item in root.iter() if local_name(item.tag) == "item"]
    return [rss_entry(item) for item in items if child_text(item, "link")]


def atom_link(entry: ElementTree.Element) -> str | None:
    links = entry.findall(f"{ATOM}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def atom_entry(entry: ElementTree.Element) -> Entry:
    date = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated")
    return Entry(atom_link(entry) or "", entry.findtext(f"{ATOM}title"), iso_date(date))


def rss_entry(item: ElementTree.Element) -> Entry:
    date = child_text(item, "pubDate") or child_text(item, "date")
    return Entry(child_text(item, "link") or "", child_text(item, "title"), rss_date(date))


def child_text(element: ElementTree.Element, name: str) -> str | None:
    for child in element:
        if local_name(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def rss_date(value: str | None) -> dt.date | None:
    """RFC 822 dates in RSS 2.0; ISO dates in RSS 1.0's dc:date."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return iso_date(value)


def iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None
