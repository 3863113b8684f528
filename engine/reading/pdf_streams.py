"""Compressed PDF streams measured before PDFium opens the file: a decompression bomb is refused.

PDFium inflates a content stream or an embedded font whole, with no limit a caller can set:
an 800 MB Flate stream in a 1 MB file would take 800 MB before any text is read. So every
stream of the file whose data starts as a zlib stream is inflated first, a megabyte at a
time with the output thrown away (memory stays flat; zlib runs at hundreds of MB a second),
and a stream past PDF_STREAM_SIZE refuses the file. LZW streams are measured too: each code
stands for a string one byte longer than an earlier code's, so their lengths are counted
without building the strings.

The streams are found by their `stream` keyword rather than through the cross-reference
table, so a damaged table does not hide one. Not measured: streams encrypted with the
document (their bytes do not read as zlib data until PDFium decrypts them) and filters
chained after ASCII85 or ASCIIHex encodings.
"""
from __future__ import annotations

import bisect
import re
import zlib

from govlint.engine.common.limits import PDF_STREAM_SIZE, size_text

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_END = re.compile(rb"endstream")
# How far back from `stream` its dictionary is looked for the LZW filter's name.
_DICTIONARY_BYTES = 1024
_PIECE = 1 << 20
_LZW_CODES = 4096


class StreamTooLarge(ValueError):
    """A stream that decompresses past PDF_STREAM_SIZE; the message names the limit."""


def check_streams(data: bytes) -> None:
    """Raise StreamTooLarge when a Flate or LZW stream of the PDF in `data` inflates past the limit."""
    limit = PDF_STREAM_SIZE.bytes
    ends = [match.start() for match in _END.finditer(data)]
    view = memoryview(data)
    for match in _STREAM.finditer(data):
        start = match.end()
        at = bisect.bisect_left(ends, start)
        body = view[start : ends[at] if at < len(ends) else len(data)]
        if _is_zlib(body):
            size = _inflated_size(body, limit)
        elif b"LZW" in data[max(0, match.start() - _DICTIONARY_BYTES) : match.start()]:
            size = _lzw_size(body, limit)
        else:
            continue
        if size > limit:
            raise StreamTooLarge(PDF_STREAM_SIZE.refusal(f"a stream decompresses to more than {size_text(limit)}"))


def _is_zlib(body: memoryview) -> bool:
    # RFC 1950: deflate method, a window of at most 32 kB, and a header check that divides by 31.
    return len(body) >= 2 and body[0] & 0x0F == 8 and body[0] >> 4 <= 7 and (body[0] * 256 + body[1]) % 31 == 0


def _inflated_size(body: memoryview, limit: int) -> int:
    """The inflated size of a zlib stream, counted up to just past `limit` or the first error."""
    inflater = zlib.decompressobj()
    size = 0
    pending = body
    try:
        while pending and size <= limit and not inflater.eof:
            size += len(inflater.decompress(pending, _PIECE))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size


def _lzw_size(body: memoryview, limit: int) -> int:
    """The decoded size of an LZW stream (PDF's variant: early change, 9 to 12 bit codes)."""
    lengths: list[int] = []  # string length of each code past the 258 fixed ones
    size = 0
    previous = 0
    width, bits, count = 9, 0, 0
    for byte in body:
        bits = (bits << 8) | byte
        count += 8
        while count >= width:
            count -= width
            code = (bits >> count) & ((1 << width) - 1)
            bits &= (1 << count) - 1
            if code == 256:  # clear table
                lengths.clear()
                previous, width = 0, 9
                continue
            if code == 257:  # end of data
                return size
            if code < 256:
                length = 1
            elif code - 258 < len(lengths):
                length = lengths[code - 258]
            else:  # the code being defined: the previous string and its own first byte
                length = previous + 1
            if previous and 258 + len(lengths) < _LZW_CODES:
                lengths.append(previous + 1)
            size += length
            if size > limit:
                return size
            previous = length
            if 258 + len(lengths) + 1 >= (1 << width) and width < 12:
                width += 1
    return size
