"""govlint's library: reading council papers into records and checking them against rule packs."""

__version__ = "0.1.0"
