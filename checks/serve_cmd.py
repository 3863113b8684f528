"""`govlint serve`: the check as a web page for report authors (checks/serve/)."""
from __future__ import annotations

import os

import click

from govlint.checks.shared import configured_packs, exits_with_status, run_options
from govlint.engine.common.errors import GovlintError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on; only this machine can reach the default. Put a reverse proxy with TLS in front for others (docs/serve.md).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token-file", type=click.Path(dir_okay=False, exists=True), metavar="FILE", help="Ask for the shared token in FILE with every upload (a team deployment).")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.001), metavar="MB", help="The largest draft accepted. Default: the reader's file size limit (20 MB, GOVLINT_MAX_FILE_MB).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Drafts checked at the same time.")
@click.option("--queue", default=16, show_default=True, type=click.IntRange(0, 1024), help="Uploads that may wait for a free worker; any more are asked to try again.")
@run_options
@exits_with_status
def serve(host, port, token_file, max_upload_mb, workers, queue, pack_names, config_file, no_config, profile, today) -> int:
    """A web page where report authors upload a draft (.docx, .pdf or .txt) and see its findings.

    Uses the packs and config of this server, as `govlint check` would here. Uploads are checked
    in memory and never stored; see docs/serve.md for deployment behind a reverse proxy.
    """
    try:
        import uvicorn

        from govlint.checks.serve.app import Settings, create_app
    except ImportError as error:
        raise GovlintError(f"govlint serve needs its web libraries ({error.name} is missing): pip install 'govlint[serve]'") from None
    from govlint.engine import __version__
    from govlint.engine.reading.files import DEFAULT_MAX_BYTES

    from govlint.engine.profiles.loader import named_profile

    if not hasattr(os, "memfd_create"):
        raise GovlintError("govlint serve runs on Linux only: it reads each draft from an in-memory file (memfd_create), never from disk")

    config, packs = configured_packs(pack_names, config_file, no_config, profile)
    profile = profile or config.profile
    if profile:
        named_profile(profile)  # a bad one is refused now, not at the first upload
    settings = Settings(
        config=config,
        packs=packs,
        config_name=config.path,
        profile=profile,
        today=today,
        max_bytes=int(max_upload_mb * 1024 * 1024) if max_upload_mb else DEFAULT_MAX_BYTES,
        workers=workers,
        queue=queue,
        token=_read_token(token_file) if token_file else None,
        version=__version__,
    )
    click.echo(f"govlint serve: http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_config=_log_config(uvicorn), server_header=False)
    return 0


def _log_config(uvicorn) -> dict:
    """Uvicorn's logging, with the server's own lines (an upload's size, type and outcome) beside it."""
    import copy

    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["govlint.serve"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def _read_token(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            token = handle.read(4096).strip()
    except (OSError, UnicodeDecodeError) as error:
        raise GovlintError(f"{path}: cannot read the token: {error}") from None
    if len(token) < 16:
        raise GovlintError(f"{path}: the token must be at least 16 characters")
    return token
