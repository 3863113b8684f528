"""The errors the engine raises when it cannot do what it was asked, for a front end to show.

No stage prints or ends the process: it raises one of these, and the front end decides how to
show it and what follows (the command line prints each on standard error and exits with
status 2). Problems with one input among many (a paper that cannot be read) are not raised
but collected, so that the other inputs are still processed.
"""
from __future__ import annotations


class GovlintError(Exception):
    """What could not be done and why, in the user's terms: the file, the reason."""


class ProblemsError(GovlintError):
    """Every problem found at once (in a pack, a config), each with its place: `path:line:col: message`."""

    def __init__(self, problems: list):
        self.problems = list(dict.fromkeys(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))
