"""Reading paper files: every bad input is refused with a reason, nothing is dropped silently."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from govlint.engine.reading.files import DEFAULT_MAX_BYTES, UnreadablePaper, decode, find_papers, read_paper

GOOD_TEXT = "KENT COUNTY COUNCIL – RECORD OF DECISION\nFinancial Implications: £1,350,000\n"


def refusal(path: Path, **options) -> str:
    with pytest.raises(UnreadablePaper) as caught:
        read_paper(path, **options)
    assert caught.value.path == str(path)
    assert "\n" not in caught.value.reason
    return caught.value.reason


class TestDecode:
    def test_utf8_with_and_without_bom(self) -> None:
        assert decode(GOOD_TEXT.encode("utf-8")).text == GOOD_TEXT
        assert decode(codecs.BOM_UTF8 + GOOD_TEXT.encode("utf-8")).text == GOOD_TEXT

    def test_windows_1252(self) -> None:
        decoded = decode("Cost: £4.7m – Carer’s allowance".encode("cp1252"))
        assert (decoded.text, decoded.encoding) == ("Cost: £4.7m – Carer’s allowance", "cp1252")

    def test_utf16_with_bom(self) -> None:
        assert decode(GOOD_TEXT.encode("utf-16")).text == GOOD_TEXT

    def test_binary_is_refused(self) -> None:
        with pytest.raises(ValueError, match="binary"):
            decode(b"%PDF-1.7\x00\x01\x02")


class TestReadPaper:
    def test_good_file(self, tmp_path: Path) -> None:
        path = tmp_path / "good.txt"
        path.write_text(GOOD_TEXT, encoding="utf-8")
        paper = read_paper(path)
        assert paper.source == str(path)
        assert [line.text for line in paper.lines] == GOOD_TEXT.splitlines()

    def test_windows_1252_file_is_read_and_pound_sign_survives(self, tmp_path: Path) -> None:
        path = tmp_path / "word-export.txt"
        path.write_bytes(GOOD_TEXT.encode("cp1252"))
        assert read_paper(path).line(2).text == "Financial Implications: £1,350,000"

    @pytest.mark.parametrize("content", [b"", b"  \r\n\n\t "])
    def test_empty_file(self, tmp_path: Path, content: bytes) -> None:
        path = tmp_path / "empty.txt"
        path.write_bytes(content)
        assert refusal(path) == "empty file"

    def test_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "pack.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        assert "binary" in refusal(path)

    def test_file_over_the_default_limit(self, tmp_path: Path) -> None:
        path = tmp_path / "huge.txt"
        with open(path, "wb") as handle:  # sparse: 50 MB long without writing 50 MB
            handle.truncate(50 * 1024 * 1024)
        assert 50 * 1024 * 1024 > DEFAULT_MAX_BYTES
        assert refusal(path) == "the file is 50 MB, over the 20 MB limit on the size of a paper or record file (raise it with GOVLINT_MAX_FILE_MB=N)"

    def test_limit_can_be_changed(self, tmp_path: Path) -> None:
        path = tmp_path / "good.txt"
        path.write_text(GOOD_TEXT * 100, encoding="utf-8")
        assert "limit" in refusal(path, max_bytes=1000)
        assert read_paper(path, max_bytes=len(path.read_bytes())).lines

    def test_missing_file(self, tmp_path: Path) -> None:
        assert refusal(tmp_path / "gone.txt") == "cannot read: No such file or directory"

    def test_broken_symlink(self, tmp_path: Path) -> None:
        link = tmp_path / "link.txt"
        link.symlink_to(tmp_path / "nowhere.txt")
        assert refusal(link).startswith("cannot read:")

    def test_fifo_is_refused_without_blocking(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        assert refusal(fifo) == "not a regular file"

    def test_directory_named_as_a_file(self, tmp_path: Path) -> None:
        assert refusal(tmp_path) == "not a regular file"

    def test_permission_denied(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # chmod 000 does not stop root, so the refusal of `open` is simulated.
        path = tmp_path / "locked.txt"
        path.write_text(GOOD_TEXT, encoding="utf-8")

        def denied(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr("govlint.engine.common.limits.open", denied, raising=False)
        assert refusal(path) == "cannot read: Permission denied"


class TestFindPapers:
    @pytest.fixture
    def tree(self, tmp_path: Path) -> Path:
        for name in ("b/2.txt", "b/1.md", "a/deep/3.TXT", "a/notes.pdf", "a/data.json"):
            path = tmp_path / "papers" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(GOOD_TEXT, encoding="utf-8")
        return tmp_path / "papers"

    def test_directories_are_walked_for_text_papers_in_sorted_order(self, tree: Path) -> None:
        files, problems = find_papers([str(tree)])
        # notes.pdf holds text: a paper suffix is read for what the file holds (engine.reading.sniff).
        assert files == [str(tree / name) for name in ("a/deep/3.TXT", "a/notes.pdf", "b/1.md", "b/2.txt")]
        assert problems == []

    def test_order_and_repetition_of_arguments_do_not_matter(self, tree: Path) -> None:
        one = find_papers([str(tree / "b"), str(tree)])
        other = find_papers([f"{tree}/./", str(tree / "b" / "2.txt"), str(tree / "b")])
        assert one == other

    def test_a_named_file_is_taken_whatever_its_suffix(self, tree: Path) -> None:
        assert find_papers([str(tree / "a/notes.pdf")]) == ([str(tree / "a/notes.pdf")], [])

    def test_missing_path_is_a_problem(self, tree: Path) -> None:
        files, problems = find_papers([str(tree / "b"), "no/such/place"])
        assert len(files) == 2
        assert [str(problem) for problem in problems] == ["no/such/place: no such file or directory"]

    def test_entries_that_will_not_read_are_kept_to_be_reported(self, tree: Path) -> None:
        (tree / "b" / "broken.txt").symlink_to(tree / "nowhere.txt")
        os.mkfifo(tree / "b" / "pipe.txt")
        files, _ = find_papers([str(tree / "b")])
        assert files == [str(tree / "b" / name) for name in ("1.md", "2.txt", "broken.txt", "pipe.txt")]

    def test_directory_without_papers_is_a_problem(self, tmp_path: Path) -> None:
        files, problems = find_papers([str(tmp_path)])
        assert files == []
        assert [problem.reason for problem in problems] == ["no .txt, .md, .docx or .pdf files in this directory"]
