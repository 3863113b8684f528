"""Extracting records from documents: decisions (from reports, proposed records and records
of decision) and meetings (from minutes), each field with the evidence it was read from;
paper.py runs the whole reading pipeline for one paper.

In: `Paper`, its `Document`s and `Profile`. Out: `ParsedPaper` (decisions, meetings).
May import: common, reading, profiles, documents, records.
"""
