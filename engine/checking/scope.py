"""Which records each pack of a run checks.

With no pack named, a run checks each paper with the pack of the reader profile it was read
with (engine.checking.config.profile_packs marks each pack with the profiles it is for); packs
named by the user check every paper.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from govlint.engine.packs.model import Pack
from govlint.engine.profiles.loader import DEFAULT_PROFILE

# The field of a paper's own record (kind "paper") that `pack_checks` reads: a run that trims
# the records it keeps for its corpus step and report must keep this one.
PROFILE_FIELD = "profile"


def pack_checks(packs: Sequence[Pack], records: list[dict]) -> Callable[[Pack, dict], bool]:
    """Whether a pack checks a record: any record, or one of a paper read with a reader profile
    the pack is for (`Pack.for_profiles`; the paper's own record says which profile read it).
    Scoped packs share no paper, so a rule two of them hold is reported once for a record. A
    paper whose profile none of them is for (records written elsewhere name none) is checked
    with the default profile's pack, as a paper with no marks of another profile is read with
    that profile: no paper goes unchecked."""
    read_with = {record["source"]: record.get(PROFILE_FIELD) or "" for record in records if record["kind"] == "paper"}
    known = {profile for pack in packs for profile in pack.for_profiles or ()}

    def checks(pack: Pack, record: dict) -> bool:
        if pack.for_profiles is None:
            return True
        profile = read_with.get(record["source"], "")
        return (profile if profile in known else DEFAULT_PROFILE) in pack.for_profiles

    return checks
