"""Reader profiles: council knowledge as data (document headings, label wordings, statuses,
criteria, page furniture), loaded from YAML and chosen for a paper by the marks it shows.

In: profile YAML files, the opening lines of a paper. Out: `Profile`. May import: common, records.
"""
