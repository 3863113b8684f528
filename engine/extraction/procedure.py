"""What a decision's papers say of the procedure it went through: the statutory sections of
the record (reasons, equality, financial and legal implications), publication and exempt
information, call-in, the urgency route, its forward-plan notice, public consultation, a taken
record still worded as the proposal, and the documents about it with the numbers they print.

Each value is read from a labelled field of the record (else of the report) where the form has
one, else from the sentences of the record and its report that speak of it, and keeps its
evidence under its field path ("urgency.agreed_by", "exempt.paragraphs"). Every wording comes
from the reader profile; the reader here knows only the shapes: a field, a sentence, a date or
a name in a sentence. Nothing reads beyond the decision's own documents.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import Sequence

from govlint.engine.extraction.dates import find_dates, first_date
from govlint.engine.extraction.fields import Field, evidence, sentences_of, state
from govlint.engine.extraction.money import amounts_in
from govlint.engine.reading.lines import Line
from govlint.engine.records.model import DecisionDocument, Evidence, ExemptInformation, ForwardPlanNotice, PublicConsultation, Urgency

# Schedule 12A Part 1 has paragraphs 1 to 7: a cited number is read after the profile's
# "paragraph" wording, with any others joined to it ("paragraphs 3 and 5").
_PARAGRAPH_NUMBERS = re.compile(r"\s{0,3}(?P<numbers>[1-7](?:(?:\s{0,3},\s{0,3}|\s{1,3}(?:and|&|or)\s{1,3})[1-7])*)(?![\d.])")
# A template's instructions to the author sit in square brackets ("For publication [Do not
# include information which is exempt …]"): they say nothing of this record.
_INSTRUCTION = re.compile(r"\[[^\[\]]*\]?")
# Who agreed: a member named with a title ("Mr A Smith", "Councillor Jo Bloggs"), else the post
# ("the Chairman of the Scrutiny Committee").
_NAMED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor)\.?(?:\s+[A-Z][\w'’-]*\.?){1,3}")


def _rarest(clauses: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The clause whose shortest word is longest: long words are rare in prose."""
    return max(clauses, key=lambda clause: (min(len(run) for run in clause), -len(clause)))


# The sections of a report read beside its record.
_REPORT_SECTIONS = ("summary", "classification", "status", "consultation", "urgency", "forward_plan", "key")
# How far below a record's heading its "For publication" line may stand.
_PUBLICATION_LINES = 12
# The kinds of interest, most serious first: a field naming two is read as the first.
_INTEREST_KINDS = ("disclosable_pecuniary", "other_significant", "other")
_POST = re.compile(r"\b(?:the\s+)?(?:Vice[-\s])?Chair(?:man|person|woman)?\s+of\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&'’-]*){0,6}")


class ProcedureFields:
    """Methods of the decision reader (engine.extraction.decisions._Reader) for the fields
    above; they use its fields, prose and evidence map."""

    # Provided by the reader.
    record: dict[str, Field]
    report: dict[str, Field]
    head: dict[str, Field]
    evidence: dict[str, Evidence]

    # -- where the text is -------------------------------------------------------------

    @cached_property
    def _papers_prose(self) -> list[tuple[str, list[Line]]]:
        """The sentences of the record, then those of the report's sections that speak of
        procedure: a report gives the urgency or consultation a PROD leaves to it. A report with
        no record is read by those sections too; the rest of a report is its argument, pages
        long. A cover note on decisions taken outside the meeting cycle is read whole: its
        narrative is where the reason for the urgency is (or is not)."""
        if not self.record_lines and self.group.outside_cycle:
            return list(self._prose)
        own = list(self._prose) if self.record_lines else []
        if self.group.report is not None:
            for name in _REPORT_SECTIONS:
                found = self.report.get(name)
                if found is not None:
                    own += sentences_of(found.heading + found.body)
        return own

    @cached_property
    def _papers_text(self) -> tuple[str, list[int]]:
        """The sentences as one text, one to a line, and where each starts."""
        starts, at = [], 0
        for sentence, _ in self._papers_prose:
            starts.append(at)
            at += len(sentence) + 1
        return "\n".join(sentence for sentence, _ in self._papers_prose), starts

    @cached_property
    def _papers_lower(self) -> str:
        return self._papers_text[0].lower()

    def about_at(self, mention: re.Pattern[str]) -> list[int]:
        """The indexes of the sentences that match `mention`, in reading order. Only sentences
        holding a literal word the pattern cannot match without are searched (the longest such
        words of each alternative, found by substring search): most wordings are in no sentence."""
        needed = self.profile.required(mention)
        sentences = self._papers_prose
        if needed is None:
            return [index for index, (sentence, _) in enumerate(sentences) if mention.search(sentence)]
        lowered, starts = self._papers_lower, self._papers_text[1]
        candidates: set[int] = set()
        for clauses in needed:
            for run in _rarest(clauses):
                at = lowered.find(run)
                while at != -1:
                    candidates.add(bisect_right(starts, at) - 1)
                    at = lowered.find(run, at + 1)
        return [index for index in sorted(candidates) if mention.search(sentences[index][0])]

    def about(self, mention: re.Pattern[str]) -> list[tuple[str, list[Line]]]:
        """Sentences of the record and its report that match `mention`, in reading order."""
        return [self._papers_prose[index] for index in self.about_at(mention)]

    def own_field(self, name: str) -> Field | None:
        return self.record.get(name) or self.head.get(name) or self.report.get(name)

    # -- sections ----------------------------------------------------------------------

    def section_state(self, name: str, section: str) -> str:
        """A statutory section as a field: given, none ("N/A"), blank (heading only) or absent.
        A heading whose text goes on under a sub-heading of its own ("Reason(s) for decision:" /
        "Background" / "1.1 …") is not blank: the sub-heading's text is its value."""
        found = self.either(section)
        if found is not None and not found.value:
            found = self.sub_section(found) or found
        value = state(found, "given", self.words("answers", "nil"))
        return self.note(name, found.heading_evidence() if value == "blank" else found.value_evidence() if found else None, value)

    def sub_section(self, found: Field) -> Field | None:
        """The summary-like section ("Background", "Purpose") headed directly under `found`."""
        fields = self.record if found in self.record.values() else self.report
        after = found.heading[-1].number
        below = [f for f in fields.values() if f.heading[0].number > after]
        following = min(below, key=lambda f: f.heading[0].number, default=None)
        if following is None or following.name != "summary" or not following.value:
            return None
        return Field(found.name, found.heading, "", following.heading + following.body)

    # -- publication and exempt information ---------------------------------------------

    def _classification_fields(self) -> list[Field]:
        return [found for found in (self.record.get("publication"), self.head.get("publication"), self.report.get("classification")) if found]

    @staticmethod
    def _field_text(found: Field) -> str:
        """The heading and value of a field as one text, less any template instruction."""
        lines = found.heading + tuple(line for line in found.value_lines if line not in found.heading)
        return " ".join(_INSTRUCTION.sub(" ", " ".join(line.text for line in lines)).split())

    def for_publication(self) -> bool | None:
        found = self.record.get("publication") or self.head.get("publication")
        if found is not None:
            text, where = self._field_text(found), found.value_evidence()
        else:
            # A label followed by the template's instruction ("For publication [Do not include
            # …]") is no heading as printed; it is once the instruction is left out.
            publication = next((label for label in self.labels.record if label.name == "publication"), None)
            heading = self.heading_index(self.record_lines) if self.record_lines else 0
            line = next((line for line in self.record_lines[heading : heading + _PUBLICATION_LINES] if publication and "[" in line.text and publication.pattern.match(_INSTRUCTION.sub("", line.text).strip())), None)
            if line is None:
                return None
            text, where = _INSTRUCTION.sub("", line.text).strip(), evidence([line])
        if self.words("exempt", "exempt").search(text) and not self.words("exempt", "not_exempt").search(text):
            return self.note("for_publication", where, False)
        if self.words("exempt", "public").search(text) or self.words("exempt", "not_exempt").search(text):
            return self.note("for_publication", where, True)
        return None

    def exempt(self) -> ExemptInformation:
        said_exempt = self.words("exempt", "exempt")
        not_exempt = self.words("exempt", "not_exempt")
        status = "not_mentioned"
        paragraphs: list[int] = []
        sources: list[tuple[str, Evidence]] = [(self._field_text(f), f.value_evidence()) for f in self._classification_fields()]
        sources += [(_INSTRUCTION.sub(" ", sentence), evidence(lines)) for sentence, lines in self.about(said_exempt)]
        paragraph_evidence: list[Evidence] = []
        for text, where in sources:
            if said_exempt.search(text) and not not_exempt.search(text):
                if status != "exempt":
                    self.evidence["exempt.status"] = where
                status = "exempt"
                cited = self.paragraphs_in(text)
                if cited:
                    paragraphs += [number for number in cited if number not in paragraphs]
                    paragraph_evidence.append(where)
            elif status == "not_mentioned" and (self.words("exempt", "public").search(text) or not_exempt.search(text)):
                status = "public"
                self.evidence["exempt.status"] = where
        if paragraph_evidence:
            self.evidence["exempt.paragraphs"] = paragraph_evidence[0]
        tested = self.public_interest_statement() if status == "exempt" else None
        if tested:
            self.evidence["exempt.public_interest_test"] = evidence(tested[1])
        return ExemptInformation(status, sorted(paragraphs), tested is not None)

    def public_interest_statement(self) -> tuple[str, list[Line]] | None:
        """The sentence stating the public-interest test, in the record or anywhere in its report
        (an exempt report says it under a section of its own)."""
        public_interest = self.words("exempt", "public_interest")
        found = next(iter(self.about(public_interest)), None)
        if found is None and self.group.report is not None:
            found = next((said for said in sentences_of(self.spans(self.group.report)) if public_interest.search(said[0])), None)
        return found

    def paragraphs_in(self, text: str) -> list[int]:
        return schedule_12a_paragraphs(text, self.profile)

    # -- call-in -------------------------------------------------------------------------

    def call_in(self) -> str:
        """From a call-in field ("Subject to call-in: Yes", "Call-in deadline: 12/12/2025"), else
        from the sentences of a call-in note."""
        subject, waived = self.words("call_in", "subject"), self.words("call_in", "waived")
        found = self.record.get("call_in") or self.head.get("call_in")
        if found is not None:
            text = self._field_text(found)
            if waived.search(text) or (found.value and self.words("call_in", "no").search(found.value)):
                return self.note("call_in", found.value_evidence(), "waived")
            if subject.search(text) or (found.value and (self.words("call_in", "yes").search(found.value) or find_dates(found.value))):
                return self.note("call_in", found.value_evidence(), "subject_to_call_in")
        said = sorted([(index, "waived") for index in self.about_at(waived)] + [(index, "subject_to_call_in") for index in self.about_at(subject)])
        if said:
            index, value = said[0]
            return self.note("call_in", evidence(self._papers_prose[index][1]), value)
        return "not_mentioned"

    def effective_after_call_in(self) -> str | None:
        """The earliest implementation date a call-in note gives in its prose ("It will take
        effect on 29 October 2025 unless called in")."""
        for sentence, lines in self.about(self.words("call_in", "effective")):
            match = self.words("call_in", "effective").search(sentence)
            date = first_date(sentence[match.end() :])
            if date:
                return self.note("effective_date", evidence(lines), date)
        return None

    # -- urgency -------------------------------------------------------------------------

    def urgency(self, urgent: bool, cover_only: bool) -> Urgency:
        words = self.words
        labelled = self.own_field("urgency")
        mentions = self.about(words("urgency", "urgent"))
        normal = next(iter(self.about(words("urgency", "normal_route"))), None)
        special = next(iter(self.about(words("urgency", "special_urgency"))), None)
        general = next(iter(self.about(words("urgency", "general_exception"))), None)
        route = "none"
        if normal is not None:
            self.evidence["urgency.route"] = evidence(normal[1])
        elif special is not None:
            route = self.note("urgency.route", evidence(special[1]), "special_urgency")
        elif general is not None:
            route = self.note("urgency.route", evidence(general[1]), "general_exception")
        reason = self.urgency_reason(labelled, urgent or route != "none" or bool(mentions), cover_only)
        agreed_by, agreed_date = self.urgency_agreement() if route == "special_urgency" else (None, None)
        notice_date = self.urgency_notice() if route == "general_exception" else None
        chair = next(iter(self.about(words("urgency", "scrutiny_chair"))), None) if route != "none" else None
        if chair:
            self.evidence["urgency.scrutiny_chair_informed"] = evidence(chair[1])
        return Urgency(route, reason, agreed_by, agreed_date, notice_date, chair is not None)

    def urgency_reason(self, labelled: Field | None, urgent: bool, cover_only: bool) -> str:
        """given, none or blank from a "Reason for urgency" field; else given when a sentence
        gives a reason, blank when the papers promise one ("for the reason set out below") and
        give none, absent when the decision is not said to be urgent."""
        if labelled is not None:
            value = state(labelled, "given", self.words("answers", "nil"))
            return self.note("urgency.reason", labelled.heading_evidence() if value == "blank" else labelled.value_evidence(), value)
        promised = self.words("urgency", "promised")
        promises = self.about(promised)
        consultation = self.record.get("consultation")
        given = [(s, lines) for s, lines in self.about(self.words("urgency", "reason")) if not promised.search(s)]
        if consultation is not None and consultation.value and self.words("consultation", "not_possible").search(consultation.value):
            # A record that skipped the committee gives its reason there ("due to timing …").
            if self.words("urgency", "reason").search(consultation.value):
                return self.note("urgency.reason", consultation.value_evidence(), "given")
        if given and (urgent or promises or cover_only):
            return self.note("urgency.reason", evidence(given[0][1]), "given")
        if promises:
            return self.note("urgency.reason", evidence(promises[0][1]), "blank")
        return "absent"

    def urgency_agreement(self) -> tuple[str | None, str | None]:
        agreed = next(iter(self.about(self.words("urgency", "agreed"))), None)
        if agreed is None:
            return None, None
        sentence, lines = agreed
        who = _NAMED.search(sentence) or _POST.search(sentence)
        date = first_date(sentence)
        if who:
            self.evidence["urgency.agreed_by"] = evidence(lines)
        if date:
            self.evidence["urgency.agreed_date"] = evidence(lines)
        return (who.group(0).strip() if who else None), date

    def urgency_notice(self) -> str | None:
        for sentence, lines in self.about(self.words("urgency", "notice")):
            date = first_date(sentence)
            if date:
                return self.note("urgency.notice_date", evidence(lines), date)
        return None

    # -- forward plan ----------------------------------------------------------------------

    def forward_plan(self) -> ForwardPlanNotice:
        words = self.words
        found = self.own_field("forward_plan")
        reference, status = None, "not_mentioned"
        if found is not None and found.value:
            if words("forward_plan", "not_listed").search(found.value) or words("answers", "nil").search(found.value):
                status = self.note("forward_plan.status", found.value_evidence(), "not_listed")
            else:
                reference = self.profile.reference_in(found.value) or found.value
                self.note("forward_plan.reference", found.value_evidence(), reference)
                status = self.note("forward_plan.status", found.value_evidence(), "listed")
        if status == "not_mentioned":
            for value in ("not_listed", "listed"):
                said = next(iter(self.about(words("forward_plan", value))), None)
                if said:
                    status = self.note("forward_plan.status", evidence(said[1]), value)
                    break
        published = self.own_field("first_published")
        first = first_date(published.value) if published is not None and published.value else None
        if first:
            self.note("forward_plan.first_published", published.value_evidence(), first)
        else:
            for sentence, lines in self.about(words("forward_plan", "first_published")):
                match = words("forward_plan", "first_published").search(sentence)
                first = first_date(sentence[match.start() :])
                if first:
                    self.note("forward_plan.first_published", evidence(lines), first)
                    break
        period = None
        # The record's own words first: a RoD that says "is now approaching" outweighs a cover
        # report saying "has past" (the contradiction is the finding's, not the reader's).
        said = sorted([(index, False) for index in self.about_at(words("forward_plan", "period_not_met"))] + [(index, True) for index in self.about_at(words("forward_plan", "period_met"))])
        if said:
            index, period = said[0]
            self.note("forward_plan.period_met", evidence(self._papers_prose[index][1]), period)
        return ForwardPlanNotice(reference, status, first, period)

    # -- public consultation ---------------------------------------------------------------

    def public_consultation(self) -> PublicConsultation:
        words = self.words
        said = self._papers_prose
        mention = words("public_consultation", "mention")
        status, date, summary = "not_mentioned", None, False
        found: list[tuple[str, list[Line]]] = []
        for index in self.about_at(mention):
            sentence, lines = said[index]
            for value in ("none", "planned", "held"):
                if words("public_consultation", value).search(sentence):
                    found.append((value, lines))
                    if value == "held" and status != "held":
                        status, where = "held", lines
                        dates = find_dates(sentence)
                        date = dates[-1][0] if dates else None
                        following = said[index + 1][0] if index + 1 < len(said) else ""
                        summary = any(words("public_consultation", "summary").search(text) for text in (sentence, following))
                        if summary:
                            self.evidence["public_consultation.summary"] = evidence(lines + (said[index + 1][1] if not words("public_consultation", "summary").search(sentence) else []))
                        if date:
                            self.evidence["public_consultation.date"] = evidence(lines)
                    break
        if status != "held" and found:
            status = "planned" if any(value == "planned" for value, _ in found) else found[0][0]
            where = next(lines for value, lines in found if value == status)
            dates = find_dates(" ".join(line.text for line in where))
            date = dates[-1][0] if dates and status == "planned" else None
            if date:
                self.evidence["public_consultation.date"] = evidence(where)
        if status != "not_mentioned":
            self.evidence["public_consultation.status"] = evidence(where)
        return PublicConsultation(status, date, summary)

    # -- placeholder wording and dispensation ----------------------------------------------

    def placeholder_wording(self, taken: bool) -> bool:
        if not taken:
            return False
        proposal = self.words("placeholder", "proposal")
        heading = len(self.record_lines) and self.heading_index(self.record_lines)
        hit = next((line for line in self.record_lines[heading + 1 :] if line.text and proposal.search(line.text)), None)
        return self.note("placeholder_wording", evidence([hit]), True) if hit else False

    def dispensation(self) -> str | None:
        """The dispensation the record names for a declared interest: its own field, else a line
        of the interests field that names one (the heading itself asks for one: not that)."""
        nil, none_granted = self.words("answers", "nil"), self.words("interests", "no_dispensation")
        found = self.record.get("dispensation")
        if found is not None and found.value and not nil.search(found.value) and not none_granted.search(found.value):
            return self.note("dispensation", found.value_evidence(), found.value)
        interests = self.record.get("interests")
        if interests is None:
            return None
        answers = [(interests.inline, interests.heading[-1])] if interests.inline else []
        answers += [(line.text, line) for line in interests.value_lines if line not in interests.heading]
        for text, line in answers:
            answer = text.rsplit(":", 1)[-1].strip()
            if self.words("interests", "dispensation").search(text) and not none_granted.search(text) and not nil.search(answer):
                return self.note("dispensation", evidence([line]), text)
        return None

    def declared_interest(self) -> tuple[str | None, bool | None]:
        """The kind of interest the record's interests field notes (the most serious it names,
        "not_stated" when it names none) and whether the member withdrew; (None, None) when
        the field notes no interest."""
        found = self.record.get("interests")
        if found is None or state(found, "recorded", self.words("answers", "nil")) != "recorded":
            return None, None
        text = found.value
        category = next((name for name in _INTEREST_KINDS if self.words("interests", name).search(text)), "not_stated")
        withdrew = True if self.words("interests", "withdrew").search(text) else False if self.words("interests", "took_part").search(text) else None
        self.note("interest_category", found.value_evidence(), category)
        if withdrew is not None:
            self.note("interest_withdrew", found.value_evidence(), withdrew)
        return category, withdrew

    # -- the documents about the decision --------------------------------------------------

    def documents(self, own_number: str | None) -> tuple[list[DecisionDocument], list[str]]:
        """One entry per document of this paper about the decision, each with the number, title
        and largest amount printed on it; and every distinct number they print, the record's
        own first."""
        group = self.group
        made: list[DecisionDocument] = []
        where: list[dict[str, Evidence]] = []
        if group.report is not None:
            fields = self.report
            number_field = fields.get("number")
            number = self.labels.number_in(number_field)
            quoted = {"": evidence([self.paper.line(group.report.line_start)])}
            if number:
                quoted["decision_no"] = number_field.value_evidence()
            elif group.outside_cycle and group.listed_title:
                number = group.number
                quoted["decision_no"] = evidence(group.listed_title)
            title = self.document_title(fields, quoted)
            made.append(self.document("committee_report", group.report, number, title, fields, quoted))
            where.append(quoted)
        for record in group.records:
            fields = self.record if record is self.record_doc else self.labels.record_fields(self.spans(record))
            if group.head and record is not self.record_doc:
                fields = {**self.head, **fields}
            number_field = fields.get("number")
            number = self.labels.number_in(number_field)
            quoted = {"": evidence([self.paper.line(record.line_start)])}
            if number:
                quoted["decision_no"] = number_field.value_evidence()
            title = self.document_title(fields, quoted)
            made.append(self.document(record.kind, record, number, title, fields, quoted))
            where.append(quoted)
        for index, quoted in enumerate(where):
            for name, quote in quoted.items():
                self.evidence[f"documents[{index}]" + (f".{name}" if name else "")] = quote
        numbers: list[str] = []
        for index, candidate in enumerate([own_number, *(document.decision_no for document in made)]):
            if candidate and candidate not in numbers:
                numbers.append(candidate)
                source = self.evidence.get("decision_no") if index == 0 else where[index - 1]["decision_no"]
                if source is not None:
                    self.evidence[f"decision_numbers[{len(numbers) - 1}]"] = source
        quotes = [self.evidence[f"decision_numbers[{i}]"] for i in range(len(numbers)) if f"decision_numbers[{i}]" in self.evidence]
        if quotes:
            self.evidence["decision_numbers"] = Evidence(min(q.line for q in quotes), max(q.end_line for q in quotes), quotes[0].text)
        return made, numbers

    def spans(self, document) -> Sequence[Line]:
        """The document's lines in reading order (two-column rows can share a number)."""
        return self.paper.between(document.line_start, document.line_end)

    @staticmethod
    def document_title(fields: dict[str, Field], quoted: dict[str, Evidence]) -> str | None:
        found = fields.get("title")
        if found is None or not found.value:
            return None
        quoted["title"] = found.value_evidence()
        return found.value

    def document(self, kind: str, document, number: str | None, title: str | None, fields: dict[str, Field], quoted: dict[str, Evidence]) -> DecisionDocument:
        found = fields.get("financial")
        amounts = amounts_in(found.heading + found.body) if found is not None else []
        largest = max(amounts, key=lambda amount: amount.pounds) if amounts else None
        if largest is not None:
            quoted["max_money_gbp"] = Evidence(largest.line, largest.end_line, largest.text)
        return DecisionDocument(
            kind=kind,
            source=self.paper.source,
            lines=(document.line_start, document.line_end),
            decision_no=number,
            title=title,
            max_money_gbp=largest.pounds if largest is not None else None,
        )


def schedule_12a_paragraphs(text: str, profile) -> list[int]:
    """The Schedule 12A paragraphs a text cites ("paragraph 3 of Part 1 of Schedule 12A",
    "exempt, paragraph 3"), after the profile's wording for a paragraph."""
    found: list[int] = []
    for match in profile.words("exempt", "paragraph").finditer(text):
        numbers = _PARAGRAPH_NUMBERS.match(text, match.end())
        if numbers:
            found += [int(n) for n in re.findall(r"[1-7]", numbers["numbers"]) if int(n) not in found]
    return found
