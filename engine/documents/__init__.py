"""Finding the documents in a paper: a bundle split into agenda, minutes, reports, records of
decision and the rest, by how each announces itself under the paper's profile.

In: `Paper` lines and a `Profile`. Out: `Document` records (kind, line span, title, reference).
May import: common, reading, profiles, records.
"""
