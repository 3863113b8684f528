"""`govlint serve` used as an author uses it, in a real browser: Debian's Chromium driven by
Playwright (never a downloaded browser). The author opens the page, moves through it with the
keyboard, uploads a Word draft with known gaps, reads each finding, downloads the annotated
copy (whose comments are then found on their paragraphs with python-docx) and makes the
mistakes authors make (no file, an empty file). axe-core checks every page for WCAG 2.2 AA;
screenshots are kept in test-artifacts/ for a person to look at.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import REPO
from tests.drafts import cli_findings, running_server, write_gapped_draft
from tests.test_annotate import comments_by_place
from tests.test_report_browser import _browser as chromium

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    write_gapped_draft(folder / "draft.docx")
    return folder


@pytest.fixture(scope="module")
def browser(workdir, tmp_path_factory):
    """A page of a fresh Chromium profile, with the server it talks to; console messages collected."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with running_server(workdir) as (base, _, _), sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            accept_downloads=True, viewport={"width": 1100, "height": 900},
        )
        page = context.new_page()
        page.console = []
        page.on("console", lambda message: page.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: page.console.append(f"error: {error}"))
        yield base, page
        context.close()


def _accessible(page, name: str) -> None:
    """No serious or critical axe-core violation, and a screenshot for a person to look at."""
    from axe_playwright_python.sync_playwright import Axe

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"), full_page=True)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [(v["id"], v["impact"], [node["target"] for node in v["nodes"]]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), levels


def test_an_author_checks_a_word_draft(browser, workdir, tmp_path):
    base, page = browser
    page.goto(base + "/")
    assert page.title() == "Check a draft – govlint"
    _accessible(page, "form")

    # The keyboard reaches everything: the skip link first, then the file field and the button.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    reached = set()
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert {"draft", "BUTTON"} <= reached
    assert page.get_by_label("Your draft").count() == 1

    page.get_by_label("Your draft").set_input_files(str(workdir / "draft.docx"))
    page.get_by_role("button", name="Check the draft").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title() == "Findings for draft.docx – govlint", page.locator("main").inner_text()
    _accessible(page, "findings")

    findings = cli_findings(workdir / "draft.docx", workdir)
    articles = page.locator("article.finding")
    assert articles.count() == len(findings) >= 4
    for finding in findings:
        article = articles.filter(has_text=finding["message"])
        assert article.count() == 1, finding["message"]
        shown = " ".join(article.inner_text().split())
        for part in (finding["evidence"], f"{finding['location']} (line {finding['line']})", finding["citation"][0]["text"], finding["remediation"]):
            assert " ".join(part.split()) in shown
        heading = article.locator("xpath=ancestor::section/h2").inner_text()
        assert finding["decision_no"] in heading

    with page.expect_download() as download:
        page.get_by_role("link", name="The draft with a comment on each finding (Word)").click()
    copy = tmp_path / download.value.suggested_filename
    download.value.save_as(copy)
    assert copy.name == "draft-reviewed.docx"
    places = comments_by_place(copy)
    for finding in findings:
        assert any(finding["message"] in note for _, note in places.get(finding["location"], [])), finding["rule"]
    assert page.console == []


def test_an_author_is_told_what_went_wrong_next_to_the_field(browser):
    base, page = browser
    page.goto(base + "/")
    page.get_by_role("button", name="Check the draft").click()
    assert page.title() == "Error: Check a draft – govlint"
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    field = page.get_by_label("Your draft")
    assert field.get_attribute("aria-invalid") == "true"
    described = [page.locator(f"#{name}").inner_text() for name in field.get_attribute("aria-describedby").split()]
    assert any("Choose a draft to check" in text for text in described)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "draft"
    _accessible(page, "no-file")

    field.set_input_files({"name": "empty.docx", "mimeType": "application/octet-stream", "buffer": b""})
    page.get_by_role("button", name="Check the draft").click()
    assert "The file is empty" in page.locator("#draft-error").inner_text()
    _accessible(page, "empty-file")
    # A refused upload is answered with its 4xx status, which Chromium notes; nothing else may show.
    assert [line for line in page.console if not re.fullmatch(r"error: Failed to load resource: .* status of 4\d\d .*", line)] == []
