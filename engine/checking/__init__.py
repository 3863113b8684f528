"""Checking: a run of packs over papers and record files, and what a gate makes of it:
findings with evidence and citations (run, findings), the config and its waivers and
baselines (config, waivers, baseline, gate), papers parsed over processes (batch) and record
files read back into papers (record_files).

In: paths, packs, the config. Out: `CheckResult` with its findings, gate state and summary.
May import: common, reading, profiles, documents, records, extraction, packs.
"""
