"""Fetching a URL safely: report pages are untrusted, and so are the links inside feeds.

- only http(s); ``file://`` only with ``allow_private``;
- the host is resolved and EVERY address checked: loopback, private, link-local,
  multicast, reserved and unspecified addresses are refused unless ``allow_private``
  (checked again on every redirect hop);
- redirects followed by hand, at most ``max_redirects``, loops named as such;
- per-operation timeout plus a total deadline (a server that dribbles bytes is cut off);
- the body is streamed and cut at ``max_bytes`` (a larger Content-Length is refused
  before reading anything).

The address check runs again inside the connection itself (a custom httpcore
network backend connects to the very address it checked), so a DNS answer that
changes between check and connection (DNS rebinding) is caught too.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import httpcore
import httpx

from skylog.ingest.common import IngestFailure, IngestOptions, human_size

USER_AGENT = "skylog/0.1 (+offline incident log; report ingest)"


class FetchError(IngestFailure):
    """A URL that could not be fetched, with a reason fit to show the user."""


@dataclass
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime
    redirects: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # response headers, lower-case names

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            k, _, v = part.strip().partition("=")
            if k.lower() == "charset" and v:
                return v.strip("\"'")
        return None


def _public_addresses(host: str, port: int) -> list[str]:
    """Resolve ``host`` once; every address must be public, else FetchError says which is not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror or exc})") from None
    except UnicodeError:
        raise FetchError(f"invalid host name {host!r}") from None
    out: list[str] = []
    for info in infos:
        raw = str(info[4][0])
        addr = ipaddress.ip_address(raw.split("%")[0])
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if not addr.is_global or addr.is_multicast:
            what = (
                "loopback"
                if addr.is_loopback
                else "link-local"
                if addr.is_link_local
                else "private"
                if addr.is_private
                else "non-public"
            )
            if host.strip("[]") == str(addr):
                raise FetchError(f"refused: {addr} is a {what} address (use --allow-private to allow)")
            raise FetchError(
                f"refused: {host} resolves to {what} address {addr} (use --allow-private to allow)"
            )
        if raw not in out:
            out.append(raw)
    return out


_DEADLINE = threading.local()  # .at: time.monotonic() by which the current fetch must end


def _limited(timeout: float | None) -> float | None:
    """``timeout`` cut to what is left before the current fetch's deadline."""
    at = getattr(_DEADLINE, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the fetch's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch's wall-clock deadline:
    a server that dribbles one byte a second is cut off at the deadline, not after each
    chunk (each read's socket timeout is what is left of the whole fetch)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _limited(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _limited(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> _DeadlineStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _limited(timeout)))

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Resolves and checks the host at connect time and connects to the checked address
    itself, so a DNS answer cannot change between the check and the connection
    (``check=False`` with --allow-private); every connection keeps the fetch's deadline."""

    def __init__(self, check: bool = True) -> None:
        self.check = check

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if not self.check:
            stream = super().connect_tcp(host, port, _limited(timeout), local_address, socket_options)
            return _DeadlineStream(stream)
        last: Exception | None = None
        for addr in _public_addresses(host, port):
            try:
                stream = super().connect_tcp(addr, port, _limited(timeout), local_address, socket_options)
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


def check_url(url: str, opts: IngestOptions) -> tuple[str, int]:
    """Scheme and address checks for one hop; returns (host, port)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"refused: unsupported URL scheme {scheme + '://' if scheme else url!r}")
    host = parts.hostname
    if not host:
        raise FetchError("invalid URL: no host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError("invalid URL: bad port") from None
    if not opts.allow_private:
        _public_addresses(host, port)  # early, clear refusal; checked again at connect time
    return host, port


def _read_file_url(url: str, opts: IngestOptions) -> Fetched:
    if not opts.allow_private:
        raise FetchError("refused: file:// URLs read local files (use --allow-private to allow)")
    path = Path(unquote(urlsplit(url).path))
    try:
        size = path.stat().st_size
        if size > opts.max_bytes:
            raise FetchError(f"file too large ({human_size(size)} > {human_size(opts.max_bytes)} limit)")
        with path.open("rb") as fh:
            body = fh.read(opts.max_bytes + 1)
    except FileNotFoundError:
        raise FetchError("no such file") from None
    except IsADirectoryError:
        raise FetchError("is a directory") from None
    except PermissionError:
        raise FetchError("permission denied") from None
    ctype = "text/html" if path.suffix.lower() in (".html", ".htm") else ""
    return Fetched(url, url, 200, ctype, body, datetime.now(UTC))


def fetch(
    url: str,
    opts: IngestOptions | None = None,
    client: httpx.Client | None = None,
    *,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """GET ``url`` under the safety rules above; raises FetchError with a clear reason.

    ``headers`` are sent with the request (e.g. ``If-None-Match`` for a conditional poll;
    a ``304 Not Modified`` answer comes back as a Fetched with status 304 and no body)."""
    opts = opts or IngestOptions()
    if urlsplit(url).scheme.lower() == "file":
        return _read_file_url(url, opts)
    own = client is None
    if client is None:
        client = make_client(opts)
    try:
        return _fetch(url, opts, client, headers)
    finally:
        if own:
            client.close()


def _transport(opts: IngestOptions) -> httpx.HTTPTransport:
    import ssl

    import certifi

    transport = httpx.HTTPTransport(trust_env=False)
    if isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        transport._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()),
            max_connections=10,
            network_backend=_CheckedBackend(check=not opts.allow_private),
        )
    return transport


def make_client(opts: IngestOptions) -> httpx.Client:
    return httpx.Client(
        transport=_transport(opts),
        follow_redirects=False,
        timeout=httpx.Timeout(opts.timeout),
        trust_env=False,  # no proxies or netrc from the environment
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
        },
    )


def _fetch(
    url: str, opts: IngestOptions, client: httpx.Client, headers: dict[str, str] | None = None
) -> Fetched:
    deadline = time.monotonic() + opts.total_timeout
    outer = getattr(_DEADLINE, "at", None)
    _DEADLINE.at = deadline if outer is None else min(outer, deadline)
    try:
        return _fetch_by(url, opts, client, _DEADLINE.at, headers)
    finally:
        _DEADLINE.at = outer


def _fetch_by(
    url: str,
    opts: IngestOptions,
    client: httpx.Client,
    deadline: float,
    headers: dict[str, str] | None = None,
) -> Fetched:
    seen: list[str] = []
    current = url
    while True:
        check_url(current, opts)
        seen.append(current)
        try:
            with client.stream("GET", current, headers=headers) as resp:
                if resp.is_redirect and resp.status_code != 304:  # 304: Not Modified, no hop
                    current = _next_hop(resp, current, seen, opts)
                    continue
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                body = _read_body(resp, opts, deadline)
                return Fetched(
                    url=url,
                    final_url=current,
                    status=resp.status_code,
                    content_type=resp.headers.get("content-type", ""),
                    body=body,
                    fetched_at=datetime.now(UTC),
                    redirects=seen[1:],
                    headers={k.lower(): v for k, v in resp.headers.items()},
                )
        except httpx.TimeoutException:
            if time.monotonic() >= deadline - 0.01:
                raise FetchError(
                    f"timed out (no complete response within {opts.total_timeout:g} s)"
                ) from None
            raise FetchError(f"timed out (server did not answer within {opts.timeout:g} s)") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect ({_short(exc)})") from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            raise FetchError("too many redirects") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error ({exc.__class__.__name__}: {_short(exc)})") from None


def _next_hop(resp: httpx.Response, current: str, seen: list[str], opts: IngestOptions) -> str:
    """The URL a redirect points to; FetchError for a loop, too many hops or a file:// target."""
    location = resp.headers.get("location")
    if not location:
        raise FetchError(f"HTTP {resp.status_code} redirect without a Location")
    nxt = urljoin(current, location)
    if nxt in seen:
        raise FetchError(f"redirect loop ({' -> '.join(seen + [nxt])})")
    if len(seen) > opts.max_redirects:
        raise FetchError(f"too many redirects (more than {opts.max_redirects})")
    if urlsplit(nxt).scheme.lower() == "file":
        raise FetchError("refused: redirect to a file:// URL")
    return nxt


def _read_body(resp: httpx.Response, opts: IngestOptions, deadline: float) -> bytes:
    """The response body, refused past ``opts.max_bytes`` or the whole fetch's deadline."""
    length = resp.headers.get("content-length")
    if length and length.isdigit() and int(length) > opts.max_bytes:
        raise FetchError(
            f"response too large ({human_size(int(length))} > {human_size(opts.max_bytes)} limit)"
        )
    chunks: list[bytes] = []
    total = 0
    for chunk in resp.iter_bytes():  # each network read, decoded (never waits to fill a chunk)
        total += len(chunk)
        if total > opts.max_bytes:
            raise FetchError(
                f"response too large (more than {human_size(opts.max_bytes)} limit; download stopped)"
            )
        if time.monotonic() > deadline:
            raise FetchError(f"timed out (no complete response in {opts.total_timeout:g} s)")
        chunks.append(chunk)
    return b"".join(chunks)


def _short(exc: Exception) -> str:
    msg = str(exc) or exc.__class__.__name__
    if "Connection refused" in msg:
        return "connection refused"
    return msg[:200]
