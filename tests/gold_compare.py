"""Comparison of parsed records with the hand-checked gold annotations of ../shared/corpus.

Equality follows the corpus README: dates as ISO strings, money to the penny, lists as sets,
free text compared without regard to case, spacing or dash style, line spans within a
tolerance (extraction noise moves boundaries by a line or two). A field the gold leaves out
(the line spans of a PDF) is not scored.

Every gold file is scored: the four text bundles, the real 2025 KCC PDFs (`source_path`) and
the other councils' layouts. `python -m bench.accuracy` prints the whole table.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

LINE_TOLERANCE = 3
DECISION_FIELDS = (
    "decision_no",
    "title",
    "record_kinds",
    "decision_maker",
    "decision_type",
    "key_decision",
    "key_decision_criteria",
    "money_gbp",
    "max_money_gbp",
    "electoral_divisions",
    "eqia_status",
    "dpia_status",
    "committee_consultation.committee",
    "committee_consultation.date",
    "committee_consultation.status",
    "decision_date",
    "interests_field",
    "alternatives_field",
    "urgent",
    "past_pathway",
    "future_pathway",
    "lines",
)
FOLDERS = ("bundles", "kcc-2025", "layouts")
_DASHES = re.compile(r"[\u2010-\u2015-]+")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class GoldPaper:
    stem: str
    folder: str  # one of FOLDERS
    path: Path
    gold: dict


def gold_papers(corpus_dir: Path) -> list[GoldPaper]:
    """Every gold file of the corpus with the paper it annotates, in a stable order."""
    papers = []
    for gold_path in sorted((corpus_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold.get("source_path"):
            path = corpus_dir / gold["source_path"]
            folder = Path(gold["source_path"]).parts[0]
        elif (corpus_dir / "layouts" / gold["source"]).exists():
            path, folder = corpus_dir / "layouts" / gold["source"], "layouts"
        else:
            path, folder = corpus_dir / gold["source"], "bundles"
        assert path.exists(), f"{gold_path.name} annotates {path}, which is missing"
        papers.append(GoldPaper(gold_path.stem, folder, path, gold))
    return papers


def _text(value: str) -> str:
    return _SPACE.sub(" ", _DASHES.sub("-", value.translate(_QUOTES))).strip().casefold()


def _pence(amount: float) -> int:
    return round(amount * 100)


def _get(record: dict, path: str):
    value = record
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def values_equal(name: str, found, expected) -> bool:
    if name == "lines":
        return found is not None and all(abs(a - b) <= LINE_TOLERANCE for a, b in zip(found, expected))
    if name == "money_gbp":
        return {_pence(x) for x in found or []} == {_pence(x) for x in expected}
    if name == "max_money_gbp":
        return (found is None) == (expected is None) and (expected is None or _pence(found) == _pence(expected))
    if isinstance(expected, list):
        if isinstance(found, list) and all(isinstance(x, str) for x in [*found, *expected]):
            return {_text(x) for x in found} == {_text(x) for x in expected}
        return isinstance(found, list) and set(found) == set(expected)
    if isinstance(expected, str) and isinstance(found, list) and len(found) == 1:
        found = found[0]
    if isinstance(expected, str) and isinstance(found, str):
        return _text(found) == _text(expected)
    return found == expected


def _overlaps(found: dict, gold: dict) -> bool:
    if not gold.get("lines") or not found.get("lines"):
        return False
    start, end = gold["lines"]
    return found["lines"][0] <= end and start <= found["lines"][1]


def _same_title(found: dict, gold: dict) -> bool:
    return bool(gold.get("title") and found.get("title")) and _text(found["title"]) == _text(gold["title"])


def match_decisions(found: list[dict], expected: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pairs (found, gold) by decision number, else by title, else by overlapping line span,
    else the one left on each side; plus the unmatched of each."""
    pairs: list[tuple[dict, dict]] = []
    unmatched = list(found)
    missed: list[dict] = []
    for gold in expected:
        candidates = [d for d in unmatched if gold["decision_no"] and d["decision_no"] == gold["decision_no"]]
        candidates = candidates or [d for d in unmatched if _same_title(d, gold)]
        candidates = candidates or [d for d in unmatched if _overlaps(d, gold)]
        if candidates:
            pairs.append((candidates[0], gold))
            unmatched.remove(candidates[0])
        else:
            missed.append(gold)
    if len(missed) == 1 and len(unmatched) == 1 and not expected[0].get("lines"):
        pairs.append((unmatched.pop(), missed.pop()))
    return pairs, missed, unmatched


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)


def score_decisions(pairs: list[tuple[dict, dict]], source: str, scores: dict[str, FieldScore]) -> None:
    for found, gold in pairs:
        for name in DECISION_FIELDS:
            gold_value = _get(gold, name)
            if name == "lines" and gold_value is None:
                continue
            score = scores.setdefault(name, FieldScore())
            score.total += 1
            found_value = _get(found, name)
            if values_equal(name, found_value, gold_value):
                score.right += 1
            else:
                score.wrong.append(f"{source} {gold['decision_no']}: found {found_value!r}, gold {gold_value!r}")


def _surname(name: str) -> str:
    words = re.findall(r"[A-Za-z'-]+", name)
    return words[-1].casefold() if words else ""


def _match_meeting(found: list[dict], gold: dict) -> dict | None:
    same_date = [m for m in found if gold.get("date") and m.get("date") == gold["date"]]
    return (same_date or (found if len(found) == 1 else [None]))[0]


@dataclass
class CorpusScore:
    """Everything measured over the gold corpus, per folder."""

    fields: dict[str, dict[str, FieldScore]] = field(default_factory=lambda: {f: {} for f in FOLDERS})
    decisions_expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FOLDERS, 0))
    decisions_found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FOLDERS, 0))
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    declarations_expected: int = 0
    declarations_found: int = 0
    declarations_missed: list[str] = field(default_factory=list)

    def accuracy(self, folder: str | None = None) -> tuple[int, int]:
        folders = [folder] if folder else FOLDERS
        scores = [s for f in folders for s in self.fields[f].values()]
        return sum(s.right for s in scores), sum(s.total for s in scores)


def score_corpus(parsed: dict[str, dict], papers: list[GoldPaper]) -> CorpusScore:
    """Scores the parsed records (`to_dict` form, by gold stem) against each paper's gold."""
    result = CorpusScore()
    for paper in papers:
        records = parsed[paper.stem]
        expected = paper.gold["decisions"]
        pairs, missed, spurious = match_decisions(records["decisions"], expected)
        result.decisions_expected[paper.folder] += len(expected)
        result.decisions_found[paper.folder] += len(pairs)
        result.missed += [f"{paper.stem}: {d['decision_no']} {d['title']!r}" for d in missed]
        result.spurious += [f"{paper.stem}: {d['decision_no']} {d['title']!r} lines {d.get('lines')}" for d in spurious]
        score_decisions(pairs, paper.stem, result.fields[paper.folder])
        # A decision not found has every field wrong: accuracy is over all that the gold holds.
        for gold in missed:
            for name in DECISION_FIELDS:
                if name != "lines" or gold.get("lines"):
                    result.fields[paper.folder].setdefault(name, FieldScore()).total += 1
        for gold_meeting in paper.gold["meetings"]:
            meeting = _match_meeting(records["meetings"], gold_meeting)
            surnames = {_surname(d["member"]) for d in (meeting or {}).get("declarations", [])}
            for declaration in gold_meeting.get("declarations", []):
                result.declarations_expected += 1
                if _surname(declaration["member"]) in surnames:
                    result.declarations_found += 1
                else:
                    result.declarations_missed.append(f"{paper.stem}: {declaration['member']}")
    return result


def _ratio(right: int, total: int) -> str:
    return f"{right:>4} / {total:<4} {right / total if total else 0:7.1%}"


def field_table(score: CorpusScore) -> str:
    rows = [f"{'field':<34} " + " ".join(f"{folder:>19}" for folder in FOLDERS) + f" {'all':>19}"]
    for name in DECISION_FIELDS:
        cells = []
        for folder in FOLDERS:
            s = score.fields[folder].get(name, FieldScore())
            cells.append(_ratio(s.right, s.total))
        right = sum(score.fields[f].get(name, FieldScore()).right for f in FOLDERS)
        total = sum(score.fields[f].get(name, FieldScore()).total for f in FOLDERS)
        rows.append(f"{name:<34} " + " ".join(cells) + " " + _ratio(right, total))
    rows.append(f"{'ALL FIELDS':<34} " + " ".join(_ratio(*score.accuracy(f)) for f in FOLDERS) + " " + _ratio(*score.accuracy()))
    found = [_ratio(score.decisions_found[f], score.decisions_expected[f]) for f in FOLDERS]
    all_found = _ratio(sum(score.decisions_found.values()), sum(score.decisions_expected.values()))
    rows.append(f"{'decisions found':<34} " + " ".join(found) + " " + all_found)
    rows.append(f"spurious decisions: {len(score.spurious)}; declarations found: {_ratio(score.declarations_found, score.declarations_expected)}")
    rows += [f"  missed decision {m}" for m in score.missed]
    rows += [f"  spurious decision {s}" for s in score.spurious]
    rows += [f"  missed declaration {d}" for d in score.declarations_missed]
    for folder in FOLDERS:
        for name in DECISION_FIELDS:
            rows += [f"  [{folder}] {name}: {wrong}" for wrong in score.fields[folder].get(name, FieldScore()).wrong]
    return "\n".join(rows)
