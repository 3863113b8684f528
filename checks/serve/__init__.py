"""`govlint serve`: a web page where a report author checks a draft (app.py), reading uploads
in memory (uploads.py) and checking them as `govlint check` does (checking.py)."""
