"""Public Telegram channel previews (``https://t.me/s/NAME``): one report per message.

The preview is the HTML page Telegram serves for a public channel without an
account: about twenty of the newest posts, oldest first, each a
``div.tgme_widget_message`` with ``data-post="NAME/ID"``, its text in
``.tgme_widget_message_text`` (``<br>`` for line breaks), its time in
``.tgme_widget_message_date time[datetime]``, "edited" in
``.tgme_widget_message_meta`` for an edited post, and a "load more" link
(``a.tme_messages_more[data-before]``, also ``<link rel="prev">``) to the page of
older posts, ``?before=ID``.

A page is recognised by that markup, not only by its host, so a saved copy or a
mirror reads the same. Each message becomes a report keyed by
``external_id = "telegram:<handle>/<id>"`` (as exports are): the preview always
shows a post's current text, so a post edited after it was read becomes a new
version of the same report, and the old text is kept. Service messages and
media without a caption (photos, albums, videos...) are skipped and counted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from skylog.ingest.common import IngestFailure, IngestOptions, build_report, nfc, parse_when
from skylog.ingest.sources import kind_for_channel
from skylog.records import IngestError, Report, SourceKind, report_id

TELEGRAM_HOSTS = ("t.me", "telegram.me", "www.t.me", "www.telegram.me")
_HANDLE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
_MEDIA_CLASSES = (
    "tgme_widget_message_photo_wrap",
    "tgme_widget_message_grouped_wrap",
    "tgme_widget_message_video_player",
    "tgme_widget_message_document_wrap",
    "tgme_widget_message_voice",
    "tgme_widget_message_sticker",
    "tgme_widget_message_tgsticker",
    "tgme_widget_message_videosticker",
    "tgme_widget_message_poll",
    "tgme_widget_message_location_wrap",
    "message_media_not_supported",
)
_BLOCKS = {"p", "div", "blockquote", "pre", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"}


@dataclass
class PreviewMessage:
    """One post of a preview page, as read from its markup."""

    handle: str
    message_id: int
    text: str
    published_at: datetime | None = None
    edited: bool = False
    forwarded_from: str | None = None
    forwarded_from_url: str | None = None
    author: str | None = None  # the post's signature, when the channel signs posts
    links: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)

    @property
    def permalink(self) -> str:
        return f"https://t.me/{self.handle}/{self.message_id}"

    @property
    def external_id(self) -> str:
        return f"telegram:{self.handle.lower()}/{self.message_id}"

    def fingerprint(self) -> str:
        """Changes when the post's text changes (an edit), so pollers can skip what they have."""
        return hashlib.sha1(nfc(self.text).encode()).hexdigest()[:16]


@dataclass
class PreviewPage:
    """What one preview page holds."""

    handle: str | None
    title: str | None
    messages: list[PreviewMessage] = field(default_factory=list)
    skipped_media: int = 0  # posts with media and no text (albums, photos, videos, ...)
    skipped_service: int = 0  # "channel created", "pinned a message", ...
    errors: list[str] = field(default_factory=list)  # posts that could not be read, and why
    before: int | None = None  # pass as ?before= for the next older page; None at the start
    end_of_channel: bool = False  # "No posts found": the page before the first post


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _has_class(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def _find(root: Any, cls: str) -> list[Any]:
    return root.xpath(f".//*[{_has_class(cls)}]")


def looks_like_preview(data: bytes | str) -> bool:
    """Markup of a channel preview page (t.me/s, a saved copy, a mirror)."""
    raw = data.encode("utf-8", "ignore") if isinstance(data, str) else data
    return (b"tgme_widget_message" in raw and b"data-post=" in raw) or b"tgme_channel_history" in raw


def is_preview_url(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() in TELEGRAM_HOSTS and parts.path.startswith("/s/")


def canonical_url(value: str) -> str | None:
    """The preview URL of a channel given as ``@NAME``, ``t.me/NAME``, ``t.me/s/NAME`` or
    ``https://telegram.me/NAME`` (None when ``value`` names no Telegram channel)."""
    v = value.strip()
    if v.startswith("@") and _HANDLE.match(v[1:]):
        return f"https://t.me/s/{v[1:]}"
    if "://" not in v and v.split("/")[0].lower() in TELEGRAM_HOSTS:
        v = "https://" + v
    parts = urlsplit(v)
    if (parts.hostname or "").lower() not in TELEGRAM_HOSTS:
        return None
    segs = [s for s in parts.path.split("/") if s]
    if segs and segs[0] == "s":
        segs = segs[1:]
    if not segs or not _HANDLE.match(segs[0]) or segs[0].lower() in ("joinchat", "addstickers", "share"):
        return None
    return f"https://t.me/s/{segs[0]}"


def page_url(url: str, before: int | None) -> str:
    """``url`` with its ``before`` query parameter set (or dropped): works for mirrors too."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "before"]
    if before is not None:
        query.append(("before", str(before)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _text_of(el: Any) -> str:
    """Text of a message body with its line breaks: ``<br>`` and block ends become newlines."""
    out: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            out.append("\n")
        else:
            if tag in _BLOCKS and out and not out[-1].endswith("\n"):
                out.append("\n")
            if node.text:
                out.append(node.text)
            for child in node:
                walk(child)
            if tag in _BLOCKS and out and not out[-1].endswith("\n"):
                out.append("\n")
        if node.tail and node is not el:
            out.append(node.tail)

    if el.text:
        out.append(el.text)
    for child in el:
        walk(child)
    text = "".join(out).replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n").strip()


def _body(msg: Any) -> Any | None:
    """The message's own text element: the outermost ``tgme_widget_message_text`` that is not
    part of a quoted reply or a link preview."""
    for el in _find(msg, "tgme_widget_message_text"):
        bad = False
        for anc in el.iterancestors():
            if anc is msg:
                break
            c = _classes(anc)
            if c & {
                "tgme_widget_message_text",
                "tgme_widget_message_reply",
                "tgme_widget_message_link_preview",
            }:
                bad = True
                break
        if not bad:
            return el
    return None


def _links(body: Any) -> list[str]:
    out: list[str] = []
    for a in body.iter("a"):
        href = (a.get("href") or "").strip()
        if a.get("onclick") is not None:
            href = href.replace("&amp;", "&")  # t.me escapes '&' twice in such links
        if href.lower().startswith(("http://", "https://")) and href not in out:
            out.append(href)
    return out


def _when(msg: Any) -> datetime | None:
    for el in _find(msg, "tgme_widget_message_date") or [msg]:
        for t in el.iter("time"):
            when = parse_when(t.get("datetime"))
            if when is not None:
                return when
    return None


def _edited(msg: Any) -> bool:
    if _find(msg, "tgme_widget_message_edited"):
        return True
    for meta in _find(msg, "tgme_widget_message_meta"):
        if re.search(r"\bedited\b", meta.text_content() or "", re.IGNORECASE):
            return True
    return False


def _message(msg: Any, handle: str, mid: int) -> PreviewMessage:
    body = _body(msg)
    text = nfc(_text_of(body)) if body is not None else ""
    media = sorted({c for c in _MEDIA_CLASSES if _find(msg, c)})
    if not text:
        return PreviewMessage(handle, mid, "", media=media)
    fwd_from = fwd_url = None
    for fwd in _find(msg, "tgme_widget_message_forwarded_from"):
        name_el = (_find(fwd, "tgme_widget_message_forwarded_from_name") or [None])[0]
        if name_el is not None:
            fwd_from = " ".join(name_el.text_content().split()) or None
            fwd_url = name_el.get("href") or None
        else:
            raw = " ".join(fwd.text_content().split())
            fwd_from = re.sub(r"^forwarded from\s*", "", raw, flags=re.IGNORECASE) or None
        break
    author_el = (_find(msg, "tgme_widget_message_from_author") or [None])[0]
    return PreviewMessage(
        handle=handle,
        message_id=mid,
        text=text,
        published_at=_when(msg),
        edited=_edited(msg),
        forwarded_from=fwd_from,
        forwarded_from_url=fwd_url,
        author=" ".join(author_el.text_content().split()) if author_el is not None else None,
        links=_links(body),
        media=media,
    )


def _encoding(data: bytes, charset: str | None) -> str:
    """The page's declared charset (HTTP header, then ``<meta charset>``), else UTF-8 as t.me sends."""
    import codecs

    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    for name in (charset, m.group(1).decode("ascii") if m else None):
        if name:
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return "utf-8"


def parse_page(data: bytes | str, charset: str | None = None) -> PreviewPage:
    """Every post of one preview page; raises IngestFailure when it is not one."""
    import lxml.html
    from lxml import etree

    if not looks_like_preview(data):
        raise IngestFailure("not a Telegram channel preview (no tgme_widget_message posts)")
    if isinstance(data, str):
        data = data.encode("utf-8")
        charset = "utf-8"
    try:
        parser = lxml.html.HTMLParser(encoding=_encoding(data, charset))
        root = lxml.html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise IngestFailure(f"cannot parse Telegram preview HTML ({exc.__class__.__name__})") from None
    title_el = (_find(root, "tgme_channel_info_header_title") or [None])[0]
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    if not title:
        og = root.xpath("//meta[@property='og:title']/@content")
        title = og[0].strip() if og else None
    page = PreviewPage(handle=None, title=title or None)
    page.end_of_channel = bool(_find(root, "tme_no_messages_found"))
    for msg in root.xpath(f"//*[{_has_class('tgme_widget_message')}][@data-post]"):
        post = (msg.get("data-post") or "").strip()
        handle, _, sid = post.rpartition("/")
        if not handle or not sid.isdigit():
            page.errors.append(f"post {post!r}: data-post is not NAME/ID")
            continue
        page.handle = page.handle or handle
        if "service_message" in _classes(msg):
            page.skipped_service += 1
            continue
        try:
            m = _message(msg, handle, int(sid))
        except Exception as exc:  # one odd post never loses the page
            page.errors.append(f"post {post}: cannot read ({exc.__class__.__name__})")
            continue
        if not m.text:
            page.skipped_media += 1
            continue
        page.messages.append(m)
    if page.title is None:
        owner = (_find(root, "tgme_widget_message_owner_name") or [None])[0]
        page.title = " ".join(owner.text_content().split()) if owner is not None else None
    page.before = _before(root)
    return page


def _before(root: Any) -> int | None:
    for el in root.xpath(f"//a[{_has_class('tme_messages_more')}][@data-before]"):
        v = el.get("data-before", "")
        if v.isdigit():
            return int(v)
    for href in root.xpath("//link[@rel='prev']/@href") + root.xpath(
        f"//a[{_has_class('tme_messages_more')}]/@href"
    ):
        m = re.search(r"[?&]before=(\d+)", href)
        if m:
            return int(m.group(1))
    return None


def message_report(
    m: PreviewMessage,
    *,
    title: str | None,
    origin: str,
    fetched_at: datetime | None = None,
    kind: SourceKind | None = None,
) -> Report:
    """The report of one post; its id stays the same when the channel is renamed."""
    meta: dict[str, Any] = {
        "telegram": {"channel": title, "handle": m.handle, "message_id": m.message_id, "via": "preview"}
    }
    if m.edited:
        meta["edited"] = True
    if m.forwarded_from:
        meta["forwarded_from"] = m.forwarded_from
        if m.forwarded_from_url:
            meta["forwarded_from_url"] = m.forwarded_from_url
    if m.links:
        meta["links"] = m.links
    if m.media:
        meta["media"] = m.media
    report = build_report(
        m.text,
        source=title or m.handle,
        source_kind=kind or kind_for_channel(title, m.handle),
        url=m.permalink,
        author=m.author,
        published_at=m.published_at,
        fetched_at=fetched_at,
        origin=origin,
        external_id=m.external_id,
        meta=meta,
    )
    report.id = report_id(f"telegram:{m.handle.lower()}", m.text, m.external_id)
    return report


def page_reports(
    page: PreviewPage, origin: str, fetched_at: datetime | None = None
) -> Iterator[Report | IngestError]:
    """Reports of a parsed page, oldest post first; unreadable posts as errors."""
    for m in page.messages:
        where = f"{origin}#{m.message_id}"
        try:
            yield message_report(m, title=page.title, origin=where, fetched_at=fetched_at)
        except IngestFailure as exc:
            yield IngestError(where, str(exc))
    for e in page.errors:
        yield IngestError(origin, e)


def ingest_preview(
    data: bytes,
    url: str,
    opts: IngestOptions,
    *,
    fetched_at: datetime | None = None,
    pages: int = 1,
    charset: str | None = None,
) -> Iterator[Report | IngestError]:
    """Reports of a fetched preview page and, with ``pages > 1``, of older pages (``?before=``)."""
    from skylog.ingest.fetch import fetch, make_client

    page = parse_page(data, charset)
    yield from page_reports(page, url, fetched_at)
    if pages <= 1 or page.before is None:
        return
    client = make_client(opts)
    try:
        seen = {page.before}
        for _ in range(pages - 1):
            older = page_url(url, page.before)
            try:
                got = fetch(older, opts, client)
                page = parse_page(got.body, got.charset)
            except IngestFailure as exc:
                yield IngestError(older, str(exc))
                return
            yield from page_reports(page, older, got.fetched_at)
            if page.before is None or page.before in seen or not page.messages:
                return
            seen.add(page.before)
    finally:
        client.close()
