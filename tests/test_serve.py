"""`govlint serve` over HTTP on 127.0.0.1, started and stopped here: the same findings as
`govlint check` and `--annotate`, every refused upload with its one message, forms that another
site cannot post, the shared token, no upload left on disk or in the log, and a load test with
hostile uploads among the good ones."""
from __future__ import annotations

import base64
import functools
import html
import io
import json
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.drafts import cli_findings, gapped_blocks, govlint, running_server, write_gapped_draft
from tests.paper_builder import write_pdf, write_text

DOWNLOAD = re.compile(r'href="data:([^;"]+);base64,([^"]+)" download="([^"]+)"')
FIELD_ERROR = re.compile(r'<p class="error-message" id="([a-z_]+)-error"><span class="visually-hidden">Error:</span> (.*?)</p>', re.S)
SUMMARY_ERROR = re.compile(r'<div class="error-summary".*?<li>(.*?)</li>', re.S)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """Where the server and `govlint check` both run, so that paths and fingerprints agree."""
    folder = tmp_path_factory.mktemp("serve")
    write_gapped_draft(folder / "draft.docx")
    return folder


@pytest.fixture(scope="module")
def server(workdir):
    with running_server(workdir, "--workers", "2", "--queue", "16") as (base, process, log):
        yield base, process, log


class Author:
    """A browser-like client: it opens the form, then posts the upload with the form's key."""

    def __init__(self, base: str):
        self.client = httpx.Client(base_url=base, timeout=120)
        page = self.client.get("/")
        assert page.status_code == 200
        self.key = re.search(r'name="form_key" value="([^"]+)"', page.text).group(1)

    def upload(self, name: str, data: bytes, **fields) -> httpx.Response:
        return self.client.post("/check", data={"form_key": self.key, **fields}, files={"draft": (name, data, "application/octet-stream")})


def downloads(page: str) -> dict[str, tuple[str, bytes]]:
    return {name: (media, base64.b64decode(data)) for media, data, name in DOWNLOAD.findall(page)}


def refusal(response: httpx.Response) -> str:
    """The one message a refused upload shows, tied to its field or in the summary."""
    fields = FIELD_ERROR.findall(response.text)
    messages = [html.unescape(message) for _, message in fields] or [html.unescape(m) for m in SUMMARY_ERROR.findall(response.text)]
    assert len(messages) == 1, response.text
    return messages[0]


@functools.cache
def zip_bomb() -> bytes:
    """A Word file whose document part inflates to 256 MB from a quarter of a megabyte."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            block = b"A" * (1 << 20)
            for _ in range(256):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


HOSTILE = {
    "empty": ("empty.docx", lambda: b"", "The file is empty"),
    "executable": ("report.docx", lambda: b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64, "This draft cannot be checked: binary file"),
    "100 MB": ("huge.docx", lambda: b"PK\x03\x04" + b"\0" * (100 * 2**20), "over the 20 MB limit for a draft"),
    "zip bomb": ("bomb.docx", zip_bomb, "expands to 256 MB, over the 64 MB limit"),
}


def test_the_page_gives_the_findings_of_govlint_check_and_its_annotated_copy(server, workdir):
    base, *_ = server
    draft = workdir / "draft.docx"
    response = Author(base).upload("draft.docx", draft.read_bytes())
    assert response.status_code == 200
    files = downloads(response.text)
    assert set(files) == {"draft-reviewed.docx", "draft-findings.json", "draft-findings.sarif", "draft-findings.md"}

    # One engine: the JSON download is `govlint check --format json`, byte for byte, and the
    # annotated copy is `--annotate`'s.
    cli = govlint("check", "--no-config", "--format", "json", "--fail-on", "never", "draft.docx", cwd=workdir)
    assert files["draft-findings.json"][1].decode() == cli.stdout
    assert govlint("check", "--no-config", "-q", "draft.docx", "--annotate", "cli-reviewed.docx", cwd=workdir).returncode == 1
    assert files["draft-reviewed.docx"] == (DOCX, (workdir / "cli-reviewed.docx").read_bytes())
    sarif = json.loads(files["draft-findings.sarif"][1])
    findings = cli_findings(draft, workdir)
    assert len(sarif["runs"][0]["results"]) == len(findings) >= 4

    page = html.unescape(response.text)
    for finding in findings:
        assert finding["message"] in page and finding["evidence"] in page and finding["remediation"] in page
        assert f"{finding['location']} (line {finding['line']})" in page
        assert finding["citation"][0]["text"] in page
    assert "kent-county-council</strong> version" in response.text


@pytest.mark.parametrize("write, name", [(write_pdf, "draft.pdf"), (write_text, "draft.txt")], ids=["pdf", "text"])
def test_pdf_and_text_drafts_give_the_findings_of_govlint_check(server, workdir, write, name):
    draft = write(workdir / name, gapped_blocks())
    response = Author(server[0]).upload(name, draft.read_bytes())
    assert response.status_code == 200
    files = downloads(response.text)
    assert set(files) == {f"draft-findings.{suffix}" for suffix in ("json", "sarif", "md")}  # a copy with comments is for Word only
    cli = govlint("check", "--no-config", "--format", "json", "--fail-on", "never", name, cwd=workdir)
    assert files["draft-findings.json"][1].decode() == cli.stdout
    assert json.loads(cli.stdout)["findings"]


def test_a_draft_that_cannot_be_understood_is_never_shown_clean(server, workdir):
    """A file that reads but holds no decision paper: the page has what `govlint check` says."""
    note = "Notes for the team meeting.\nBring the figures for the depot.\n"
    (workdir / "notes.txt").write_text(note)
    response = Author(server[0]).upload("notes.txt", note.encode())
    assert response.status_code == 200
    expected = cli_findings(workdir / "notes.txt", workdir)
    assert expected and all(finding["severity"] == "error" for finding in expected)
    assert json.loads(downloads(response.text)["notes-findings.json"][1])["findings"] == expected
    assert "No findings" not in response.text and "<h2 id=\"group-1\">Paper</h2>" in response.text


def test_security_headers_and_the_form_key(server):
    base, *_ = server
    page = httpx.get(f"{base}/")
    assert page.headers["cache-control"] == "no-store"
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "form-action 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy and "<script" not in page.text
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie

    author = Author(base)
    draft = b"Decision No: 24/00031\nSubject: A draft\n"
    stale = author.client.post("/check", data={"form_key": "forged"}, files={"draft": ("a.txt", draft)})
    assert stale.status_code == 403 and "This form has expired" in refusal(stale)
    other_site = author.client.post(
        "/check", headers={"origin": "https://elsewhere.example"}, data={"form_key": author.key}, files={"draft": ("a.txt", draft)})
    assert other_site.status_code == 403 and "another site" in refusal(other_site)
    nothing = author.client.post("/check", data={"form_key": author.key}, files={"draft": ("", b"")})
    assert nothing.status_code == 400 and refusal(nothing).startswith("Choose a draft to check")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_each_refused_upload_has_its_message(server, case):
    base, *_ = server
    name, make, message = HOSTILE[case]
    response = Author(base).upload(name, make())
    assert response.status_code in (413, 422)
    assert message in refusal(response)


def _app():
    from govlint.checks.serve.app import Settings, create_app
    from govlint.checks.shared import configured_packs

    config, packs = configured_packs((), None, True)
    return create_app(Settings(config=config, packs=packs, config_name=None, version="test"))


@pytest.mark.parametrize("scheme, secure", [("https", True), ("http", False)])
def test_the_form_cookie_is_kept_off_plain_http_behind_tls(scheme, secure):
    import anyio

    async def cookie() -> str:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url=f"{scheme}://govlint.example") as client:
            return (await client.get("/")).headers["set-cookie"].lower()

    assert ("; secure" in anyio.run(cookie)) is secure


def _upload_in_process(draft: bytes, prepare=lambda: None) -> httpx.Response:
    """The draft posted to the app in this process (through httpx's ASGI transport), after
    `prepare()` has run between opening the form and sending it."""
    import anyio

    async def upload() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app()), base_url="http://testserver") as client:
            key = re.search(r'name="form_key" value="([^"]+)"', (await client.get("/")).text).group(1)
            prepare()
            return await client.post("/check", data={"form_key": key}, files={"draft": ("draft.docx", draft)})

    return anyio.run(upload)


def test_an_upload_never_touches_the_disk(workdir, monkeypatch):
    """Every way of making a file made to fail: an upload that reached a temporary file or any
    file opened for writing would fail here."""
    import builtins
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError(f"a file was made for an upload: {args}")

    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+") and not isinstance(file, int):
            refuse(file, mode)
        return real_open(file, mode, *args, **kwargs)

    def no_files():
        for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
            monkeypatch.setattr(tempfile, name, refuse)
        monkeypatch.setattr(builtins, "open", read_only_open)

    response = _upload_in_process((workdir / "draft.docx").read_bytes(), no_files)
    monkeypatch.undo()
    assert response.status_code == 200, response.text
    assert "draft-reviewed.docx" in response.text


def test_an_internal_error_is_never_a_clean_draft_and_keeps_the_text_out_of_the_log(workdir, monkeypatch, caplog):
    import govlint.checks.serve.app as app_module

    def broken(filename, data, settings):
        raise KeyError("Confidential: the Wealdham depot")

    monkeypatch.setattr(app_module, "check_draft", broken)
    response = _upload_in_process((workdir / "draft.docx").read_bytes())
    assert response.status_code == 500
    assert "could not check this draft because of an internal error" in refusal(response)
    assert "No findings" not in response.text
    assert "upload failed" in caplog.text and "Wealdham" not in caplog.text


def test_nothing_of_a_draft_is_logged(server, workdir):
    base, process, log = server
    secret = "Confidential restructuring of the Wealdham depot"
    text = f"Decision No: 24/00099\nSubject: {secret}\nKey decision: Yes\n".encode()
    assert Author(base).upload("exempt-paragraph-3-draft.txt", text).status_code == 200
    time.sleep(0.2)
    log.seek(0)
    written = log.read()
    assert f"upload checked: {len(text)} bytes, text file" in written
    assert "Wealdham" not in written and "exempt-paragraph" not in written and "24/00099" not in written


def test_the_server_listens_on_this_machine_only_by_default(server):
    _, _, log = server
    log.seek(0)
    assert re.search(r"running on http://127\.0\.0\.1:\d+", log.read())


def test_a_team_token_is_asked_for(workdir, tmp_path):
    token = tmp_path / "token"
    token.write_text("a-long-shared-team-token-0123456789\n")
    with running_server(workdir, "--token-file", str(token)) as (base, *_):
        author = Author(base)
        assert 'id="token"' in author.client.get("/").text
        draft = (workdir / "draft.docx").read_bytes()
        wrong = author.upload("draft.docx", draft, token="guess")
        assert wrong.status_code == 403 and "access token is not right" in refusal(wrong)
        assert author.upload("draft.docx", draft, token="a-long-shared-team-token-0123456789").status_code == 200
        bearer = author.client.post("/check", headers={"authorization": "Bearer a-long-shared-team-token-0123456789"},
                                    data={"form_key": author.key}, files={"draft": ("draft.docx", draft)})
        assert bearer.status_code == 200


def test_the_servers_config_and_packs_are_used_and_named(workdir, tmp_path):
    config = tmp_path / "team.govlint.yaml"
    config.write_text("packs: [england-executive-decisions]\nfail_on: never\n")
    with running_server(workdir, "--config", str(config)) as (base, *_):
        response = Author(base).upload("draft.docx", (workdir / "draft.docx").read_bytes())
    cli = govlint("check", "--config", str(config), "--format", "json", "draft.docx", cwd=workdir)
    assert downloads(response.text)["draft-findings.json"][1].decode() == cli.stdout
    packs = json.loads(cli.stdout)["packs"]
    assert [pack["id"] for pack in packs] == ["england-executive-decisions"]
    assert f"<strong>england-executive-decisions</strong> version {packs[0]['version']}" in response.text
    assert "kent-county-council" not in response.text
    assert "team.govlint.yaml</code>" in response.text


def test_uploads_past_the_queue_are_asked_to_come_back(workdir):
    """One worker and no queue: while an upload is still arriving, the next is turned away."""
    import threading

    arrived = threading.Event()
    with running_server(workdir, "--workers", "1", "--queue", "0") as (base, *_):
        waiting, author = Author(base), Author(base)

        def slow_body():
            yield b"--x\r\n"
            arrived.wait(30)
            yield b"--x--\r\n"

        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(waiting.client.post, "/check", content=slow_body(), headers={"content-type": "multipart/form-data; boundary=x"})
            time.sleep(1)  # the slow upload takes the only turn (an upload sent first would take it instead)
            busy = author.upload("a.txt", b"Decision No: 1")
            arrived.set()
            assert busy.status_code == 503 and "The server is busy" in refusal(busy)
            assert first.result().status_code == 400  # the slow one, read to its end once it came, is no form
        assert author.upload("draft.docx", (workdir / "draft.docx").read_bytes()).status_code == 200


def _peak_memory_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))


def test_fifty_uploads_eight_at_a_time_with_hostile_ones_among_them(server, workdir):
    base, process, _ = server
    draft = (workdir / "draft.docx").read_bytes()
    expected = govlint("check", "--no-config", "--format", "json", "--fail-on", "never", "draft.docx", cwd=workdir).stdout
    Author(base).upload("draft.docx", draft)  # the packs compiled, the libraries loaded
    settled = _peak_memory_kb(process.pid)

    def good(_):
        response = Author(base).upload("draft.docx", draft)
        return response.status_code, downloads(response.text).get("draft-findings.json", ("", b""))[1].decode()

    def hostile(case):
        name, make, message = HOSTILE[case]
        response = Author(base).upload(name, make())
        return case, response.status_code, message in refusal(response)

    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool, ThreadPoolExecutor(2) as attackers:
        attacks = [attackers.submit(hostile, case) for case in HOSTILE]
        answers = list(pool.map(good, range(50)))
        refused = [attack.result() for attack in attacks]
    elapsed = time.monotonic() - started
    peak = _peak_memory_kb(process.pid)

    assert [status for status, _ in answers] == [200] * 50
    assert all(findings == expected for _, findings in answers)
    assert all(status in (413, 422) and said for _, status, said in refused), refused
    # Memory bounded: at most (workers + queue) uploads are held at once, each under the limit.
    assert peak - settled < 400 * 1024, f"peak {peak} kB, {settled} kB before the load"
    report = f"50 uploads, 8 at a time, {len(HOSTILE)} hostile: {elapsed:.1f} s, peak memory {peak // 1024} MB ({settled // 1024} MB before)"
    Path(workdir / "load.txt").write_text(report)
    print(report)
