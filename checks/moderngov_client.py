"""A polite HTTP client for one council's site: what `govlint fetch` asks of the network.

A council's site is a public service run on a budget, so the client asks one thing at a time,
waits `delay` seconds between requests, names itself (govlint and its version) in the
User-Agent, and gives up rather than hammers:

- a request that times out, breaks off (a body shorter than its Content-Length) or gets a 5xx
  answer is tried again, at most `retries` times, waiting longer each time;
- 429 and 503 with `Retry-After` are waited out as asked (seconds or an HTTP date), up to
  `max_wait`; asked to wait longer, the fetch stops there and says so;
- other 4xx answers are not tried again;
- a body is read in chunks and dropped as soon as it passes the size cap;
- only http and https, and only the council's own host: a redirect elsewhere is refused.

httpx does the HTTP; redirects are followed here, one hop at a time, so that each is checked.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpx

from govlint.engine import __version__

USER_AGENT = f"govlint/{__version__} (+https://govlint.invalid; compliance checks of council decisions)"
_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchProblem(Exception):
    """A request that could not be done; the message is one line for the user."""


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0  # seconds between requests
    timeout: float = 30.0  # seconds to connect, and between bytes
    retries: int = 3
    max_wait: float = 300.0  # the longest Retry-After honoured, in seconds
    max_bytes: int = 20 * 1024 * 1024  # per response


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


def same_host(url: str, site: str) -> bool:
    """Whether `url` is on the site's own host (scheme http or https, any case of the name)."""
    parts, home = urlsplit(url), urlsplit(site)
    return parts.scheme in ("http", "https") and (parts.hostname or "").lower() == (home.hostname or "").lower() and parts.port == home.port


class PoliteClient:
    def __init__(self, site: str, politeness: Politeness = Politeness(), clock=time.monotonic, sleep=time.sleep):
        self.site = site
        self.politeness = politeness
        self.requests = 0
        self._clock, self._sleep = clock, sleep
        self._last: float | None = None
        self._http = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
            timeout=httpx.Timeout(politeness.timeout),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, max_bytes: int | None = None) -> Fetched:
        """The body at `url`, else FetchProblem saying why not."""
        cap = max_bytes or self.politeness.max_bytes
        failures = 0
        redirects = 0
        while True:
            if not same_host(url, self.site):
                raise FetchProblem(f"{url}: not on the council's site {urlsplit(self.site).hostname}; not fetched")
            try:
                answer = self._request(url, cap)
            except _Retry as retry:
                failures += 1
                if failures > self.politeness.retries:
                    raise FetchProblem(f"{url}: {retry} (gave up after {failures} tries)") from None
                self._wait(retry.wait if retry.wait is not None else self.politeness.delay * 2 ** (failures - 1))
                continue
            if isinstance(answer, str):
                redirects += 1
                if redirects > _REDIRECTS:
                    raise FetchProblem(f"{url}: more than {_REDIRECTS} redirects")
                target = urljoin(url, answer)
                if not same_host(target, self.site):
                    raise FetchProblem(f"{url}: redirected to {target}, off the council's site; refused")
                url = target
                continue
            return answer

    def _pause(self) -> None:
        if self._last is not None:
            left = self.politeness.delay - (self._clock() - self._last)
            if left > 0:
                self._sleep(left)

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._sleep(seconds)

    def _request(self, url: str, cap: int) -> "Fetched | str":
        """The answer, or the address a redirect points to; _Retry when it is worth another try."""
        self._pause()
        self.requests += 1
        try:
            with self._http.stream("GET", url) as response:
                return self._answer(url, response, cap)
        except httpx.TimeoutException:
            raise _Retry(f"no answer within {self.politeness.timeout:g} s") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise _Retry(f"the connection broke off ({error})") from None
        except httpx.TransportError as error:
            raise _Retry(f"cannot connect ({error})") from None
        except httpx.InvalidURL as error:
            raise FetchProblem(f"{url}: not a valid address ({error})") from None
        finally:
            self._last = self._clock()

    def _answer(self, url: str, response: httpx.Response, cap: int) -> "Fetched | str":
        status = response.status_code
        if status in (301, 302, 303, 307, 308) and "location" in response.headers:
            return response.headers["location"]
        if status in (429, 503):
            wait = retry_after(response.headers.get("retry-after"))
            if wait is not None and wait > self.politeness.max_wait:
                raise FetchProblem(f"{url}: HTTP {status}, the site asks to wait {wait:g} s (more than {self.politeness.max_wait:g} s); try again later")
            raise _Retry(f"HTTP {status}", wait)
        if status >= 500:
            raise _Retry(f"HTTP {status}")
        if status >= 400:
            raise FetchProblem(f"{url}: HTTP {status}")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise FetchProblem(f"{url}: {int(declared):,} bytes, over the {cap:,}-byte cap on a document; not saved")
        body = bytearray()
        for chunk in response.iter_bytes(_CHUNK):
            body += chunk
            if len(body) > cap:
                raise FetchProblem(f"{url}: more than the {cap:,}-byte cap on a document; not saved")
        if declared and declared.isdigit() and len(body) < int(declared):
            raise _Retry(f"the body was cut short ({len(body):,} of {int(declared):,} bytes)")
        return Fetched(str(response.url), bytes(body), response.headers.get("content-type", ""))


class _Retry(Exception):
    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait by a Retry-After header (delta-seconds or an HTTP date), None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())
