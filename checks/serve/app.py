"""The pages of `govlint serve`: a form to upload a draft, and its findings.

Plain HTML forms, no script: the page works in any browser and with any assistive technology.
Drafts may hold exempt information, so an upload lives in memory for its request only: the
results page carries its downloads (data: links), nothing is kept after the response, and the
log says only how large the upload was, what kind of file, and how it ended.

Forms are protected against cross-site posting by a per-browser key, in a SameSite=Strict
cookie and in the form (double submit), and by the Origin header when the browser sends one.
Checks run at most `workers` at a time in threads; up to `queue` more uploads wait their turn
and any beyond that are turned away with a message, so memory stays bounded by
(workers + queue) uploads.
"""
from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from govlint.checks.formatters.findings_text import summary_line, waiver_note
from govlint.checks.serve.checking import UploadRefused, check_draft, kind_of
from govlint.engine.common.limits import FILE_SIZE, size_text
from govlint.checks.serve.uploads import BadForm, read_upload

log = logging.getLogger("govlint.serve")
FILE_FIELD = "draft"
TOKEN_FIELD = "token"
FORM_KEY = "form_key"
COOKIE = "govlint_form"
ACCEPT = ".docx,.pdf,.txt,.md,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain"
SECURITY_HEADERS = {
    # Findings describe a draft that may hold exempt information: no cache keeps them.
    "cache-control": "no-store",
    "pragma": "no-cache",
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    # Not no-referrer: a browser then sends the form with "Origin: null", which the origin check refuses.
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass
class Settings:
    config: object  # checking.config.Config
    packs: list
    config_name: str | None  # the server's .govlint.yaml as the page names it
    profile: str | None = None  # the reader profile for every draft; None: each draft's own
    today: object = None  # a fixed day for waivers, else the real today
    max_bytes: int = FILE_SIZE.bytes
    workers: int = 2
    queue: int = 16
    token: str | None = None
    version: str = ""


class _Turns:
    """At most `workers` checks at once, `queue` more waiting; beyond that, no admission."""

    def __init__(self, workers: int, queue: int):
        self.running = asyncio.Semaphore(workers)
        self.capacity = workers + queue
        self.admitted = 0


def create_app(settings: Settings):
    import anyio.to_thread
    from jinja2 import Environment, PackageLoader, select_autoescape
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    pages = Environment(loader=PackageLoader("govlint.checks.serve", "templates"), autoescape=select_autoescape(default=True))
    stylesheet = resources.files("govlint.checks.serve").joinpath("static/serve.css").read_bytes()
    gate = _Turns(settings.workers, settings.queue)

    def page(name: str, status: int = 200, **values) -> Response:
        values.update(settings=settings, file_field=FILE_FIELD, token_field=TOKEN_FIELD, form_key_field=FORM_KEY,
                      accept=ACCEPT, limit=size_text(settings.max_bytes))
        return HTMLResponse(pages.get_template(name).render(**values), status_code=status)

    def form(request, status: int = 200, errors: dict | None = None) -> Response:
        key = request.cookies.get(COOKIE) or secrets.token_urlsafe(32)
        response = page("index.html.j2", status, form_key=key, errors=errors or {})
        # Behind a proxy that terminates TLS (and says so in X-Forwarded-Proto), the cookie
        # is kept off plain HTTP.
        response.set_cookie(COOKIE, key, httponly=True, samesite="strict", path="/", secure=request.url.scheme == "https")
        return response

    async def index(request):
        return form(request)

    async def style(request):
        return Response(stylesheet, media_type="text/css")

    async def no_icon(request):
        # Browsers ask for one whatever the page says; a 404 would be an error in their console.
        return Response(status_code=204)

    async def check(request):
        if gate.admitted >= gate.capacity:
            log.info("upload turned away: the server is busy")
            return form(request, 503, {"form": "The server is busy checking other drafts. Try again in a minute."})
        gate.admitted += 1
        try:
            return await _check(request)
        finally:
            gate.admitted -= 1

    async def _check(request):
        started = time.monotonic()
        if not _same_origin(request):
            return form(request, 403, {"form": "This form was sent from another site. Open this page and upload from it."})
        try:
            upload = await read_upload(request, FILE_FIELD, settings.max_bytes)
        except BadForm as error:
            return form(request, 400, {"form": f"The upload could not be read: {error}."})
        if upload.oversized is not None:
            log.info("upload refused: %d bytes, over the limit", upload.oversized)
            return form(request, 413, {FILE_FIELD: f"The file is over the {size_text(settings.max_bytes)} limit for a draft "
                                                   f"(the upload was {size_text(upload.oversized)}). Save the draft without embedded "
                                                   "media, or as PDF, and upload it again."})
        if not _form_key_matches(request, upload.fields.get(FORM_KEY, "")):
            return form(request, 403, {"form": "This form has expired. Upload the draft again from this page."})
        if settings.token and not _token_matches(request, upload.fields.get(TOKEN_FIELD, ""), settings.token):
            return form(request, 403, {TOKEN_FIELD: "The access token is not right. Ask whoever runs this service for it."})
        if upload.filename is None or (not upload.filename and not upload.data):
            return form(request, 400, {FILE_FIELD: "Choose a draft to check: a Word (.docx), PDF or text file."})
        kind = kind_of(upload.data)
        async with gate.running:
            try:
                checked = await anyio.to_thread.run_sync(check_draft, upload.filename, upload.data, settings)
            except UploadRefused as refusal:
                log.info("upload refused: %d bytes, %s file, %.2f s", len(upload.data), kind, time.monotonic() - started)
                return form(request, 422, {FILE_FIELD: str(refusal)})
            except Exception as error:  # noqa: BLE001 - a bug must not show a draft as clean, nor log its text
                log.error("upload failed: %d bytes, %s file: internal error (%s)", len(upload.data), kind, type(error).__name__)
                return form(request, 500, {FILE_FIELD: "govlint could not check this draft because of an internal error. "
                                                       "Nothing was found or cleared; please tell whoever runs this service."})
        log.info("upload checked: %d bytes, %s file, %d findings, %.2f s", len(upload.data), kind,
                 len(checked.result.findings), time.monotonic() - started)
        return page("results.html.j2", checked=checked, groups=_groups(checked.result.findings), waiver_note=waiver_note,
                    summary_line=summary_line(checked.result.summary))

    app = Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/check", check, methods=["POST"]),
        Route("/serve.css", style, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
    ])
    return _SecurityHeaders(app)


class _SecurityHeaders:
    """Every response, error pages included, with the headers above."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items() if name.encode() not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _same_origin(request) -> bool:
    """A browser names the page a form was sent from; it must be this server (behind a proxy,
    the host the proxy passes on)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


def _form_key_matches(request, given: str) -> bool:
    expected = request.cookies.get(COOKIE, "")
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def _token_matches(request, given: str, token: str) -> bool:
    """The shared token from the form, or from an `Authorization: Bearer` header for scripts."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        given = given or header[7:].strip()
    return hmac.compare_digest(given.encode(), token.encode())


def _groups(findings) -> list[tuple[str, list]]:
    """Findings under the record they are about, headed as `govlint check` heads them, in the
    order of the draft."""
    from govlint.checks.formatters.findings_text import record_label

    groups: dict[str, list] = {}
    for finding in findings:
        groups.setdefault(record_label(finding), []).append(finding)
    return list(groups.items())
