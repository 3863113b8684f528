"""Rule packs: the pack model, loading and validating packs from YAML (loader), the reference
evaluator of conditions in plain Python (reference), records as durable_rules facts (facts),
the durable_rules runtime (runtime, the only module that imports durable_rules) and rule tests.

In: pack files, records in their JSON form. Out: `Pack`, `PackError`, rule matches.
May import: common, records; never the reading stages (reading, profiles, documents,
extraction): rules see records, not papers.
"""
