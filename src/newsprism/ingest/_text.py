"""Plain-text articles: optional YAML front matter, a headline line, then the body."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

import yaml

from newsprism.errors import InputError
from newsprism.ingest._limits import check_tree, shown
from newsprism.model import RawArticle, parse_published
from newsprism.options import IngestOptions

_KNOWN = {"outlet", "published", "date", "url", "byline", "author", "title", "id", "language"}
#: Most values a front matter block may hold once its YAML aliases are expanded: a
#: few fields are the norm, and ten aliases of ten aliases of ... ("billion laughs")
#: would otherwise expand into millions of values in the stored metadata.
MAX_FRONT_MATTER_VALUES = 10_000
#: Longest front matter block: the YAML reader needs about a second per 200,000
#: characters, and a block of article fields is a few hundred.
MAX_FRONT_MATTER_CHARS = 100_000


def parse_text(text: str, source: str, options: IngestOptions) -> RawArticle:
    """Read one text article.

    Without metadata the outlet is the file name and the date stays unknown:
    newsprism never invents either. ``options.outlet`` (``--outlet``) overrides the
    front matter, as it does for every other reader.
    """
    meta, rest = _front_matter(text, source, options)
    lines = rest.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError(source, "no headline: the file has front matter but no text")
    title = str(meta.get("title") or lines[first].strip())
    body_lines = lines[first + 1 :] if not meta.get("title") else lines[first:]
    body = "\n".join(body_lines).strip()
    if not body:
        raise InputError(source, "no body text after the headline line")
    published_raw = meta.get("published", meta.get("date"))
    try:
        published = parse_published(published_raw)
    except ValueError as exc:
        raise InputError(
            source, f"front matter published {shown(published_raw)} is not an ISO date (use YYYY-MM-DD)"
        ) from exc
    return RawArticle(
        source=source,
        title=title,
        text=body,
        outlet=str(options.outlet or meta.get("outlet") or PurePath(source).stem),
        published=published,
        url=_opt(meta.get("url")),
        byline=_opt(meta.get("byline") or meta.get("author")),
        language=str(meta.get("language") or ""),
        id=_opt(meta.get("id")),
        metadata={k: _plain(v) for k, v in meta.items() if k not in _KNOWN},
    )


def _front_matter(text: str, source: str, options: IngestOptions) -> tuple[dict[str, Any], str]:
    """Split a leading ``---`` YAML block from the text, within ``options.max_depth``."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---\n"):
        return {}, stripped
    end = stripped.find("\n---", 3)
    if end < 0:
        raise InputError(source, "front matter opened with '---' is never closed with '---'")
    block = stripped[4:end]
    if len(block) > MAX_FRONT_MATTER_CHARS:
        raise InputError(
            source, f"front matter is {len(block):,} characters, over the limit of {MAX_FRONT_MATTER_CHARS:,}"
        )
    after = stripped.find("\n", end + 1)
    rest = stripped[after + 1 :] if after >= 0 else ""
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(source, f"front matter is not valid YAML{where}") from exc
    except RecursionError as exc:
        raise InputError(source, f"front matter is nested more than {options.max_depth} levels deep") from exc
    except (ValueError, OverflowError) as exc:  # a date like 2024-13-45, an int of 5,000 digits
        raise InputError(source, f"front matter has a value YAML cannot read ({shown(str(exc))})") from exc
    if not isinstance(meta, dict):
        raise InputError(source, "front matter must be a YAML mapping of field: value")
    check_tree(meta, source, "front matter", options.max_depth, MAX_FRONT_MATTER_VALUES)
    return {str(k).lower(): v for k, v in meta.items()}, rest


def _opt(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _plain(value: Any) -> Any:
    """YAML values made JSON-able (dates become ISO text)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
