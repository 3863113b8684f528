"""The corpus view: the records of every paper of a run linked into cases, one per decision."""
