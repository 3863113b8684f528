"""The compliance report: figures per rule, decision maker, committee and quarter, and every
decision with its gaps, built from a check run.

In: parsed papers, packs, a `CheckResult`. Out: `ComplianceReport` (formatted by
govlint.checks.formatters). May import: any other stage of the engine.
"""
