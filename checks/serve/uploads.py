"""An upload form read into memory, never onto disk, and never past its limits.

Starlette's own form reader spools a file of over a megabyte to a temporary file, and a draft
may hold exempt information, so the request body is read here: at most the size limit (plus
room for the form's other fields) is kept, the rest of an oversized body is read and dropped
so that the browser still gets the page saying why, and the multipart form is parsed from the
bytes in memory.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

# The form's other fields and the multipart framing: a few hundred bytes in practice.
FORM_OVERHEAD = 64 * 1024
# An oversized body is read to its end (so the refusal reaches the browser) for at most this long.
DRAIN_SECONDS = 30.0
_TEXT_FIELD_LIMIT = 4096


class BadForm(ValueError):
    """The request is not the upload form this server sends."""


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    filename: str | None = None
    data: bytes = b""
    # The size of the body when it was over the limit and its content was dropped.
    oversized: int | None = None


async def read_upload(request, file_field: str, max_bytes: int) -> Upload:
    """The form of `request`, its one file held in memory; `oversized` set (and nothing kept)
    when the body is larger than the file limit allows."""
    from python_multipart.multipart import parse_options_header

    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise BadForm("the upload must be sent by the page's form (multipart/form-data)")
    body, size = await _body(request, max_bytes + FORM_OVERHEAD)
    if body is None:
        return Upload(oversized=size)
    return _parse(body, options[b"boundary"], file_field)


async def _body(request, limit: int) -> tuple[bytes | None, int]:
    declared = request.headers.get("content-length", "")
    keep = not (declared.isdigit() and int(declared) > limit)
    chunks, size = [], 0
    deadline = time.monotonic() + DRAIN_SECONDS
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            keep = False
            chunks = []
        if keep:
            chunks.append(chunk)
        elif time.monotonic() > deadline:
            break
    return (b"".join(chunks), size) if keep else (None, size)


def _parse(body: bytes, boundary: bytes, file_field: str) -> Upload:
    from python_multipart.exceptions import MultipartParseError
    from python_multipart.multipart import MultipartParser, parse_options_header

    upload = Upload()
    part: dict = {}

    def on_part_begin():
        part.clear()
        part.update(headers={}, data=[], field=b"", value=b"")

    def on_header_field(data, start, end):
        part["field"] += data[start:end]

    def on_header_value(data, start, end):
        part["value"] += data[start:end]

    def on_header_end():
        part["headers"][part["field"].lower()] = part["value"]
        part["field"] = part["value"] = b""

    def on_part_data(data, start, end):
        part["data"].append(data[start:end])

    def on_part_end():
        _, disposition = parse_options_header(part["headers"].get(b"content-disposition"))
        name = disposition.get(b"name", b"").decode("utf-8", "replace")
        value = b"".join(part["data"])
        if name == file_field and b"filename" in disposition:
            upload.filename = disposition[b"filename"].decode("utf-8", "replace")
            upload.data = value
        elif len(value) <= _TEXT_FIELD_LIMIT:
            upload.fields[name] = value.decode("utf-8", "replace")

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except MultipartParseError as error:
        raise BadForm(f"the form could not be read ({error})") from None
    return upload
