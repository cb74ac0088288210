"""Read input bytes within limits and turn them into text.

UTF-8 first; any other encoding is detected with charset-normalizer. Binary data
and text no encoding fits are refused with a one-line reason.
"""

from __future__ import annotations

from pathlib import Path

import charset_normalizer

from newsprism.errors import InputError

#: Share of control characters above which decoded "text" is really binary data.
MAX_CONTROL_SHARE = 0.02
#: The encoding chosen when it fits as well as the best one detected.
PREFERRED_ENCODING = "cp1252"


def check_file(path: Path, max_bytes: int | None) -> int:
    """The size of a readable regular file, refusing missing, empty and over-size ones."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise os_error(source, exc) from exc
    if not path.is_file():
        raise InputError(source, "not a regular file")
    if size == 0:
        raise InputError(source, "file is empty")
    if max_bytes is not None and size > max_bytes:
        raise InputError(
            source, f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise --max-bytes)"
        )
    return size


def os_error(source: str, exc: OSError) -> InputError:
    """The one-line input error for a file system error."""
    if isinstance(exc, FileNotFoundError):
        return InputError(source, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(source, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(source, "is a directory")
    return InputError(source, f"cannot be read ({exc.strerror or exc})")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, refusing missing, empty and over-size files."""
    source = str(path)
    check_file(path, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise os_error(source, exc) from exc
    if not data.strip():
        raise InputError(source, "file is empty")
    return data


def decode(data: bytes, source: str) -> str:
    """Text of ``data``: UTF-8 (with or without BOM), else the detected encoding."""
    if b"\x00" in data[:65536] and not _is_utf16(data):
        raise InputError(source, "binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _detected(data)
        if text is None:
            raise InputError(
                source, f"invalid UTF-8 at byte {exc.start} and no other text encoding fits"
            ) from exc
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary file, not text (too many control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_utf8(data: bytes, source: str) -> str:
    """Strict UTF-8, as JSON requires; the error names the byte offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"invalid UTF-8 at byte {exc.start}") from exc


def _detected(data: bytes) -> str | None:
    """``data`` decoded in the encoding charset-normalizer finds, ``None`` if none fits.

    Western text with a few accented letters fits several code pages with no mess
    at all, and charset-normalizer then picks by name or by a language guess that is
    noise on so few letters (cp1250 or cp775, turning "naïve" into "naďve"). When
    Windows-1252 reads the data as cleanly as the best guess, it wins: it is what web
    browsers read Latin-1 and unlabelled Western text as.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos and PREFERRED_ENCODING in match.could_be_from_charset:
            return data.decode(PREFERRED_ENCODING)
    return str(best)


def _is_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)
