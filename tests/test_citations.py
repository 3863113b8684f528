"""The shipped packs cite the law itself (REQUIREMENTS §2.0): statutes and statutory instruments
on legislation.gov.uk, judgments on BAILII; guidance and the council's own texts after the law;
and no research notes in what a report author reads."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from govlint.engine.packs.loader import list_available_packs, load_pack
from govlint.engine.packs.model import PRIMARY_KINDS, SOURCE_KINDS

PACKS = [load_pack(name) for name in list_available_packs()]
SOURCES = {(pack.id, source.id): source for pack in PACKS for source in pack.sources}
CITATIONS = [(pack.id, rule.id, citation) for pack in PACKS for rule in pack.rules for citation in rule.citations]
# Words that describe how far a citation was checked, which belong in research notes only.
RESEARCH_NOTES = re.compile(r"\b(verified|unverified|unconfirmed|confirmed|secondary|not checked|council practice|commonly cited)\b", re.I)
# Where each kind of source is published by whoever makes it.
HOSTS = {
    "legislation": ("www.legislation.gov.uk",),
    "judgment": ("www.bailii.org",),
    "guidance": ("ico.org.uk", "www.equalityhumanrights.com"),
}


def host_ok(url: str, kind: str) -> bool:
    parts = urlsplit(url)
    if kind == "council":
        # The council's own site; a pack names no council in code, so any *.gov.uk of its own.
        return parts.scheme == "https" and parts.hostname.endswith(".gov.uk")
    # The English text: legislation.gov.uk's /cy/ pages are the Welsh-language versions.
    return parts.scheme == "https" and parts.hostname in HOSTS[kind] and not parts.path.startswith("/cy/")


@pytest.mark.parametrize("key", sorted(SOURCES), ids="/".join)
def test_every_source_says_its_kind_and_links_where_its_kind_is_published(key) -> None:
    source = SOURCES[key]
    assert source.kind in SOURCE_KINDS
    if source.kind in PRIMARY_KINDS:
        assert source.url, "the law is cited with a link to its text"
    if source.url:
        assert host_ok(source.url, source.kind), source.url


@pytest.mark.parametrize("pack_id, rule_id, citation", CITATIONS, ids=lambda value: value if isinstance(value, str) else "")
def test_no_research_notes_and_provision_links_stay_on_the_source(pack_id, rule_id, citation) -> None:
    assert not RESEARCH_NOTES.search(citation.text()), citation.text()
    if citation.url:
        assert citation.url.startswith(citation.source.url.rstrip("/") + "/"), "a provision's page is inside its source's"


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack.id)
def test_a_rule_that_rests_on_the_law_cites_the_law_first(pack) -> None:
    for rule in pack.rules:
        kinds = [citation.source.kind for citation in rule.citations]
        assert kinds, f"{rule.id} cites nothing"
        if any(kind in PRIMARY_KINDS for kind in kinds):
            assert kinds[0] in PRIMARY_KINDS, rule.id
        # Law, then guidance, then the council's texts.
        order = [SOURCE_KINDS.index(kind) if kind not in PRIMARY_KINDS else 0 for kind in kinds]
        assert order == sorted(order), (rule.id, kinds)


def test_the_research_note_check_catches_a_note() -> None:
    assert RESEARCH_NOTES.search("reg 13 (secondary)") and RESEARCH_NOTES.search("paragraph numbers unconfirmed")
    assert not host_ok("https://legislation.gov.uk/cy/ukpga/2011/20/section/33", "legislation")
    assert not host_ok("http://www.murraystable.com/news", "legislation")
