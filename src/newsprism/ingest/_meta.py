"""Page metadata a librarian would sign: headline, outlet, date, byline, language.

trafilatura's metadata is a good start but takes what a page offers first: a publisher's
legal name or its Facebook page as the site name, a "Headline | Outlet" title, an
update or sidebar date as the publication date, a CMS default as the author. The
functions here read the page's own declarations (Open Graph and other ``<meta>`` tags,
JSON-LD, ``<html lang>``, ``<title>``, ``<h1>``), rank them as a reader would, and refuse
what is not a name, a headline or a date. Word lists live in ``data/*.txt``.

They also tell an article from a page that is not one (a home, section, tag or company
page): ``non_article_reason``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlparse

from lxml.html import HtmlElement

from newsprism import nlp
from newsprism.model import Published, parse_published

#: JSON-LD types of a news or blog article (schema.org ``Article`` and its kinds).
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting",
    "socialmediaposting", "liveblogposting", "scholarlyarticle", "techarticle", "report",
})
ORGANIZATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "localbusiness", "onlinebusiness"})
#: Separators between a headline and a site name in ``<title>`` and ``og:title``.
#: A match starts only where a run of spaces starts (or at a "|" right after the previous
#: match): trying again at each space of a long run would cost the run's square.
_SEPARATOR = re.compile(r"(?<!\s)(?:\s+[|–—·•:»/-]{1,2}\s+|\s*\|\s*|\s+::\s+)|(?<=\s)\|\s*")
#: The first part of a title and its separator ("Outlet: ", "Outlet | ").
_PREFIX = re.compile(r"^(.{2,60}?)\s*(?:[|–—:»·]|\s-|::)\s+")
_SOCIAL = re.compile(r"\b(facebook|twitter|x|instagram|youtube|linkedin|tiktok)\.com\b", re.I)
_ADDRESS = re.compile(r"^(https?:|www\.)", re.I)
_URLISH = re.compile(r"^(https?:|www\.)|/", re.I)
_LANG = re.compile(r"^([a-z]{2})(?:$|[-_])", re.I)
_ISO_DAY = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_COPYRIGHT = re.compile(r"^\s*(©|\(c\)|copyright)\s*", re.I)
#: Most separated parts of a name or of a title's site end read: each is compared with the
#: whole headline, so a hostile run of separators would cost its square.
MAX_SITE_PARTS = 8


# -- word lists -----------------------------------------------------------------------------------


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt``, case-folded, without comments and blank lines."""
    text = resources.files("newsprism.ingest").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return tuple(
        line.strip().casefold() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


# -- what the page declares -----------------------------------------------------------------------


@dataclass(slots=True)
class Declared:
    """What a page says about itself: ``<meta>`` tags, JSON-LD objects, title, h1, lang."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    objects: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""
    h1: str = ""
    lang: str = ""

    def first(self, *keys: str) -> str:
        """The first non-empty ``<meta>`` value among ``keys`` (lower-case names)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value.strip()
        return ""

    def typed(self, types: frozenset[str]) -> list[dict[str, Any]]:
        """The JSON-LD objects whose ``@type`` is one of ``types``."""
        return [o for o in self.objects if _types(o) & types]

    @property
    def article(self) -> dict[str, Any] | None:
        """The page's JSON-LD article object, if it declares one."""
        found = self.typed(ARTICLE_TYPES)
        return found[0] if found else None


def declared(tree: HtmlElement) -> Declared:
    """Collect the page's declarations from its parsed tree."""
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        content = element.get("content")
        if key and content is not None:
            meta.setdefault(key.strip().lower(), []).append(" ".join(content.split()))
    titles = [" ".join(t.text_content().split()) for t in tree.iter("title")]
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    return Declared(
        meta=meta,
        objects=list(_json_ld(tree)),
        title=next((t for t in titles if t), ""),
        h1=next((h for h in h1s if h), ""),
        lang=(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip(),
    )


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, ``@graph`` and lists flattened; broken blocks skipped."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        text = (script.text or "").strip().removeprefix("<!--").removesuffix("-->").strip()
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            yield from _flatten(data["@graph"], depth + 1)
        if "@type" in data:
            yield data


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].casefold() for k in kinds if k}


def _name(value: Any) -> str:
    """The name of a JSON-LD value: a string, or the ``name`` of an object or first of a list."""
    if isinstance(value, list):
        return next((n for n in (_name(v) for v in value) if n), "")
    if isinstance(value, dict):
        return _name(value.get("name"))
    return " ".join(str(value).split()) if isinstance(value, str | int | float) else ""


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    name = _name(value)
    return [name] if name else []


def simple(text: str) -> str:
    """Letters and digits only, case-folded: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text.casefold() if c.isalnum())


# -- outlet ---------------------------------------------------------------------------------------


def domain_name(url: str | None) -> str:
    """A reader's name for a site from its address: the registered domain's first label,
    hyphens as spaces, capitalised ("www.spiegel.de" -> "Spiegel", "jamaica-gleaner.com" ->
    "Jamaica Gleaner", "news.bbc.co.uk" -> "Bbc"); "" without a host."""
    host = (urlparse(url).hostname or "") if url else ""
    if not host:
        return ""
    from courlan import extract_domain

    registered = extract_domain(url) or host.removeprefix("www.")
    label = registered.split(".")[0]
    return " ".join(part[:1].upper() + part[1:] for part in label.split("-") if part)


def clean_site_name(name: str, page_title: str = "", host_label: str = "") -> str:
    """``name`` as an outlet name, or "" when it is not one.

    Refused: addresses (a Facebook page, "https://..."); the page's own headline. Cut: a
    copyright sign and years ("© Spox 2022"), a legal form ("oe24 GmbH"), the headline or
    a tagline after a separator ("WSVN 7News | Miami News, Weather"), place parts after
    a comma ("SPIEGEL ONLINE, Hamburg, Germany"). A legal name made of company words
    ("TAZ Verlags- und Vertriebs GmbH") is refused, so a later source names the outlet.
    """
    name = " ".join(name.split()).strip(" -|:·")
    if not name or _SOCIAL.search(name) or _URLISH.search(name):
        return ""
    if _COPYRIGHT.match(name):
        name = _YEAR.sub("", _COPYRIGHT.sub("", name)).strip(" -|:·,")
    parts = [p.strip() for p in _SEPARATOR.split(name) if p.strip()][:MAX_SITE_PARTS]
    if page_title:
        flat_title = simple(page_title)
        parts = [p for p in parts if simple(p) not in flat_title or len(simple(p)) < 3] or parts
    if len(parts) > 1:
        resembling = [p for p in parts if host_label and _resembles(p, host_label)]
        name = resembling[0] if resembling else parts[0]
    elif parts:
        name = parts[0]
    if page_title and simple(name) and simple(name) == simple(page_title):
        return ""
    if "," in name:
        name = name.split(",", 1)[0].strip()
    stripped = strip_legal_form(name)
    if stripped != name:
        words = stripped.casefold().split()
        if any(w.strip("-").startswith(c) for w in words for c in word_list("company_words")):
            return ""
        name = stripped
    name = name.lstrip("@").strip(" -|:·,")
    if "_" in name:
        name = name.split("_", 1)[0]  # a handle like "handelsblatt_de"
    if len(name) > 60 or not any(c.isalpha() for c in name):
        return ""
    return name


def strip_legal_form(name: str) -> str:
    """``name`` without a trailing legal form ("Example GmbH" -> "Example")."""
    lowered = name.casefold()
    for form in sorted(word_list("legal_forms"), key=len, reverse=True):
        if lowered.endswith(" " + form) or lowered.endswith("," + form):
            return name[: len(name) - len(form)].rstrip(" ,")
    return name


def _resembles(name: str, host_label: str) -> bool:
    """Whether a name is the site's: its letters contain the domain's label or the reverse."""
    a, b = simple(name), simple(host_label)
    return bool(a and b) and (b in a or (len(a) >= 3 and a in b))


def outlet(info: Declared, url: str | None) -> str:
    """The outlet's name, from the first source that gives a clean one.

    Order: ``og:site_name``, the article's JSON-LD publisher, a JSON-LD organisation or
    website name, ``application-name``, the site part of ``<title>`` when it resembles the
    domain ("... | The Times of Israel"), then the domain itself (``domain_name``).
    """
    host_label = domain_name(url)
    headline = info.first("og:title") or info.h1 or info.title
    article = info.article or {}
    candidates = [info.first("og:site_name"), _name(article.get("publisher"))]
    candidates += [_name(o.get("name")) for o in info.typed(ORGANIZATION_TYPES | {"website"})]
    candidates += [info.first("application-name", "apple-mobile-web-app-title")]
    cleaned = [c for c in (clean_site_name(x, headline, host_label) if x else "" for x in candidates) if c]
    if cleaned:
        # a section's name in og:site_name ("U.S.") loses to the publisher's that is the site's
        resembling = [c for c in cleaned if host_label and _resembles(c, host_label)]
        return resembling[0] if resembling and not _resembles(cleaned[0], host_label) else cleaned[0]
    for part in reversed(_SEPARATOR.split(info.title)[1:][-MAX_SITE_PARTS:]):
        if host_label and _resembles(part, host_label) and not _URLISH.search(part) and "." not in part.strip("."):
            cleaned = clean_site_name(part, headline, host_label)
            if cleaned:
                return cleaned
    return host_label


# -- title ----------------------------------------------------------------------------------------


def is_placeholder(title: str) -> bool:
    """Whether a title is a CMS or template default rather than a headline."""
    return " ".join(title.split()).casefold() in word_list("placeholder_titles") or not any(c.isalpha() for c in title)


def strip_site(title: str, names: Iterable[str], shown: str = "") -> str:
    """``title`` without a site part: "Headline | Outlet", "Headline - Outlet", "Outlet: Headline".

    A part is cut only when it matches one of ``names`` (the outlet, the site name, the
    domain), or is a one- or two-word section between the headline and such a part
    ("Headline | News | Outlet"), so "Update | Bridge reopens" and "Brexit: what next"
    keep their words. Nothing the page's ``<h1>`` (``shown``) prints as headline is cut.
    """
    keys = {simple(n) for n in names if len(simple(n)) >= 2}
    if not keys:
        return title
    displayed = simple(shown)
    # the suffix: cut from the first separator after which every part is a site part
    for match in list(_SEPARATOR.finditer(title))[-MAX_SITE_PARTS:]:
        tail = [p for p in _SEPARATOR.split(title[match.end():]) if p.strip()]
        if displayed and simple(title[: match.end()] + tail[0] if tail else "") in displayed:
            continue
        if tail and all(_is_site(p, keys) for p in tail) and _is_site(tail[-1], keys, strict=True):
            head = title[: match.start()].strip()
            if len(head) >= 8:
                return head
            break
    # the prefix: "Outlet: Headline", "Outlet | Headline"
    first = _PREFIX.match(title)
    if first and _is_site(first.group(1), keys, strict=True) and len(title[first.end():].strip()) >= 8:
        return title[first.end():].strip()
    return title


def _is_site(part: str, keys: set[str], strict: bool = False) -> bool:
    s = simple(part)
    if not s:
        return True
    if any(s == k or (len(k) >= 3 and (k in s or (s in k and len(s) >= 3))) for k in keys):
        return True
    # a tagline or section next to the site name ("News | Jamaica Gleaner") counts when not strict
    return not strict and len(part.split()) <= 2 and part.strip()[:1].isupper()


def title(info: Declared, extracted: str | None, site_names: Iterable[str]) -> str:
    """The headline: trafilatura's title, else ``og:title``, JSON-LD headline, ``<h1>``,
    ``<title>``; placeholders refused, the site part cut."""
    article = info.article or {}
    names = [n for n in site_names if n]
    extracted = " ".join((extracted or "").split())
    whole = strip_site(info.title, names, info.h1) if info.title else ""
    shown = simple(info.h1)
    if (extracted and whole != info.title and len(whole) < len(extracted) and extracted.startswith(whole)
            and not (shown and simple(extracted) in shown)):
        # trafilatura cut the site but left a section ("Headline – News – site"); what the
        # page's <h1> shows is headline, never a section
        extracted = whole
    for candidate in (extracted, info.first("og:title", "twitter:title"), _name(article.get("headline")), info.h1, info.title):
        candidate = " ".join((candidate or "").split())
        if candidate and not is_placeholder(candidate):
            cleaned = strip_site(candidate, names, info.h1)
            if not is_placeholder(cleaned):
                return _as_displayed(cleaned, info.h1)
    return ""


def _as_displayed(title: str, h1: str) -> str:
    """The ``<h1>`` when it is the same headline but for punctuation (its dashes and
    quotation marks are those the reader sees; metadata often flattens them)."""
    return h1 if h1 and h1 != title and simple(h1) == simple(title) else title


# -- date -----------------------------------------------------------------------------------------

#: ``<meta>`` names that carry the first-publication time.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "article.published",
    "published_time", "publish-date", "publishdate", "pubdate", "dc.date.issued", "parsely-pub-date",
)


def published(info: Declared, found: str | None, page_text: str = "", headline: str = "") -> Published:
    """The date of first publication, as the outlet's local day.

    What the page declares (JSON-LD ``datePublished`` of the article, then the
    publication ``<meta>`` tags) comes first: an update date or a date in the page's
    sidebars is never preferred to it. The day is read as written (the outlet's
    offset), not converted to UTC; a UTC timestamp is moved to the page's own day when
    its dateline (the date printed next to the headline, ``dateline``) or htmldate's
    date is the day before or after (``_local_day``). Without a declared date: the
    dateline, else ``found`` (htmldate's search for the original date).
    """
    article = info.article or {}
    line = dateline(page_text, headline or info.h1)
    searched = _day(found)
    for value in (article.get("datePublished"), article.get("dateCreated"), info.first(*PUBLISHED_META)):
        day = _day(value)
        if day is not None:
            return _local_day(value, day, line, searched)
    return line or searched


def _month_numbers() -> dict[str, int]:
    return nlp.month_numbers()


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))
    return (
        re.compile(r"\b(?P<d>\d{1,2})\s?\.\s?(?P<m>\d{1,2})\s?\.\s?(?P<y>\d{4}|\d{2})\b"),
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:\.|er)?\s+(?P<mn>{months})\.?\s+(?P<y>\d{{4}})\b", re.I),
        re.compile(rf"\b(?P<mn>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    )


#: How far from the headline (characters of page text, either side) a dateline is looked for.
DATELINE_WINDOW = 250


def dateline(page_text: str, headline: str) -> dt.date | None:
    """The date printed nearest the headline ("Stand: 28.04.2020", "Par X | 30 septembre
    2018", "mardi 10.12.19", "March 5, 2024"), within ``DATELINE_WINDOW`` characters."""
    if not page_text or not headline:
        return None
    found: list[tuple[int, int, dt.date]] = []
    at = page_text.find(headline)
    while at >= 0:
        start, end = max(0, at - DATELINE_WINDOW), at + len(headline) + DATELINE_WINDOW
        window = page_text[start:end]
        for pattern in _dateline_patterns():
            for match in pattern.finditer(window):
                day = _match_day(match)
                if day is not None:
                    centre = start + (match.start() + match.end()) // 2
                    distance = at - centre if centre < at else max(0, centre - at - len(headline))
                    found.append((distance, at, day))
        at = page_text.find(headline, at + len(headline))
    return min(found)[2] if found else None


def _match_day(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _month_numbers().get(parts["mn"].casefold().rstrip("."), 0)
    year = int(parts["y"])
    year += 2000 if year < 100 else 0
    try:
        day = dt.date(year, month, int(parts["d"]))
    except ValueError:
        return None
    return day if 1990 <= day.year <= dt.date.today().year + 1 else None


def _local_day(value: Any, day: dt.date, line: dt.date | None, searched: Published) -> dt.date:
    """The outlet's day of a declared timestamp given in UTC ("...T02:08:28Z"), which
    can be the day before in the Americas or the day after in Asia: the dateline's day
    when it is one of these, else htmldate's when the UTC hour allows it (early: the day
    before, late: the day after). A timestamp with the outlet's own offset is its day."""
    stamp = value.strip() if isinstance(value, str) else ""
    if not re.search(r"(Z|[+-]00:?00)$", stamp):
        return day
    if line is not None and abs((line - day).days) == 1:
        return line
    if not isinstance(searched, dt.date) or searched == day:
        return day
    try:
        hour = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).hour
    except ValueError:
        return day
    if (searched == day - dt.timedelta(days=1) and hour < 10) or (searched == day + dt.timedelta(days=1) and hour >= 14):
        return searched
    return day


def _day(value: Any) -> Published:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        day = parse_published(match.group(1))
    except ValueError:
        return None
    return day if isinstance(day, dt.date) and 1990 <= day.year <= dt.date.today().year + 1 else None


def article_body(info: Declared) -> str:
    """The article's text as its JSON-LD gives it (``articleBody``), for pages that carry
    their story only in scripts; "" when it gives none."""
    body = (info.article or {}).get("articleBody")
    if not isinstance(body, str):
        return ""
    from html import unescape

    text = unescape(re.sub(r"<[^>]+>", "\n", body))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


#: Fewest words of a standfirst (lead) added to the body: shorter ones are kickers or labels.
LEAD_MIN_WORDS = 8


#: Most words of a standfirst: a longer block is story text or something else.
LEAD_MAX_WORDS = 120
#: Class names of the element that holds a standfirst ("story-lead-text", "ts-intro", "chapo").
_LEAD_CLASS = re.compile(r"(?:^|[-_\s])(?:intro|lead|standfirst|excerpt|chapo|dek)(?:[-_\s\d]|$)", re.I)


def lead(info: Declared, tree: HtmlElement, body: str, page_text: str) -> str:
    """The article's standfirst when the page prints it but the body lacks it, else "".

    Sites print the lead (standfirst, intro) in the article's header, which main-text
    extraction leaves out with the header. Taken from the description metadata (usually
    that lead) when the page shows it in full (in its visible text, not only in metadata
    or scripts), else from the first element after the ``<h1>`` whose class names a lead
    ("intro", "lead", "standfirst", "excerpt", "chapo", "dek") when the page prints it
    before the story's first line; only when no part of the body already says it.
    """
    article = info.article or {}
    flat_body = " ".join(body.split())

    def fits(text: str) -> bool:
        return (
            LEAD_MIN_WORDS <= len(text.split()) <= LEAD_MAX_WORDS
            and not text.endswith(("...", "…"))
            and text not in flat_body
            and text[: len(text) // 2] not in flat_body
        )

    for candidate in (info.first("og:description"), info.first("description"), _name(article.get("description"))):
        text = " ".join((candidate or "").split())
        if fits(text) and text in page_text:
            return text
    headline = next(iter(tree.iter("h1")), None)
    opening = " ".join(body.split("\n", 1)[0].split())[:60]
    story_at = page_text.find(opening) if opening else -1
    if headline is None or story_at < 0:
        return ""
    for element in headline.xpath("following::*[@class]"):
        if _LEAD_CLASS.search(element.get("class") or "") and element.tag not in ("script", "style", "img", "a"):
            text = " ".join(element.text_content().split())
            # a standfirst stands between the headline and the story, never after its start
            if fits(text) and -1 < page_text.find(text) < story_at:
                return text
            if text:
                return ""  # the first lead element is the one; a later one belongs to something else
    return ""


#: Longest line (in words) the boilerplate phrases may remove: a paragraph of story is longer.
BOILERPLATE_MAX_WORDS = 30


@cache
def _boilerplate() -> re.Pattern[str]:
    pieces = []
    for phrase in word_list("boilerplate_lines"):
        anchored = phrase.startswith("^")
        body = re.escape(phrase.lstrip("^")).replace(r"\*", r"[^\n]{0,40}?")
        pieces.append((r"^\W*" if anchored else "") + body)
    return re.compile("|".join(pieces), re.IGNORECASE)


def drop_boilerplate(text: str) -> str:
    """``text`` without the lines that are the site talking (``data/boilerplate_lines.txt``):
    subscription and newsletter pitches, "follow us", "read also", photo credits. Only
    lines of at most ``BOILERPLATE_MAX_WORDS`` words are removed."""
    pattern = _boilerplate()
    kept = [
        line for line in text.split("\n")
        if len(line.split()) > BOILERPLATE_MAX_WORDS or not pattern.search(line.strip())
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


# -- language -------------------------------------------------------------------------------------


def language(info: Declared) -> str:
    """The language the page declares, as a lower-case two-letter code; "" when none.

    ``<html lang>``, ``og:locale``, JSON-LD ``inLanguage``, ``content-language``, in that
    order ("de-DE" -> "de", "fr_FR" -> "fr"). Detection from the text is left to the
    article builder, which reads "" as unknown.
    """
    article = info.article or {}
    for value in (info.lang, info.first("og:locale"), _name(article.get("inLanguage")),
                  info.first("content-language", "language", "dc.language")):
        match = _LANG.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return ""


# -- byline ---------------------------------------------------------------------------------------

_BYLINE_SPLIT = re.compile(r"(?<!\s)\s*;\s*|(?<=\s);\s*")  # starts where spaces start, as _SEPARATOR


def byline(extracted: str | None, outlet_names: Iterable[str], page_text: str = "") -> str | None:
    """The byline without entries that name no author.

    Dropped: CMS defaults and role words (``data/non_names.txt``), addresses and e-mail
    addresses, companies (a name ending in a legal form), the outlet's own name given
    as the author (a CMS default; an agency or staff credit such as "dpa" or
    "Redaktion" is kept), entries with digits or that hold the outlet's name plus more
    ("CBS News February"). Cut: a leading "By", "Von", "Par"
    (``data/byline_prefixes.txt``). Split: "X im Gespräch mit Y" (``data/byline_joiners.txt``). A name whose dots trafilatura dropped
    ("J O Haselhoef", "Perry Bacon Jr") gets them back when the page prints it so.
    """
    if not extracted:
        return None
    keys = {simple(n) for n in outlet_names if len(simple(n)) >= 3}
    joiners = "|".join(re.escape(j) for j in word_list("byline_joiners"))
    entries = [e for part in _BYLINE_SPLIT.split(extracted) for e in re.split(rf"(?<!\s)\s+(?:{joiners})\s+", part, flags=re.I)]
    kept: list[str] = []
    for entry in entries:
        entry = _cut_prefix(" ".join(entry.split()))
        s = simple(entry)
        if not s or entry.casefold() in word_list("non_names"):
            continue
        if "@" in entry or _ADDRESS.search(entry) or any(c.isdigit() for c in entry):
            continue
        if strip_legal_form(entry) != entry:
            continue  # a company ("Example Media GmbH") is not an author
        if any(k in s for k in keys):
            continue
        kept.append(_restore_dots(entry, page_text))
    kept = list(dict.fromkeys(kept))
    return "; ".join(kept) or None


#: ``<meta>`` names of analytics and Dublin Core tags that carry the byline.
AUTHOR_META = ("parsely-author", "cxenseparse:author", "sailthru.author", "dc.creator", "article:author")


def declared_authors(info: Declared) -> str:
    """The authors the page declares for analytics, Dublin Core or JSON-LD (people only),
    joined with "; ": where to look when trafilatura's byline named no one."""
    article = info.article or {}
    people = [
        _name(a) for a in (article.get("author") if isinstance(article.get("author"), list) else [article.get("author")])
        if isinstance(a, dict) and "person" in _types(a)
    ]
    found = [v for key in AUTHOR_META for v in info.meta.get(key, ())] + people
    return "; ".join(dict.fromkeys(v for v in found if v and not _ADDRESS.search(v)))


def _cut_prefix(entry: str) -> str:
    lowered = entry.casefold()
    for prefix in sorted(word_list("byline_prefixes"), key=len, reverse=True):
        if lowered.startswith(prefix + " ") or lowered.startswith(prefix + ":"):
            return entry[len(prefix) + 1 :].lstrip(" :")
    return entry


def _restore_dots(name: str, page_text: str) -> str:
    """The name as the page prints it when only dots or spacing differ ("J.O. Haselhoef")."""
    words = name.split()
    if not page_text or len(words) < 2:
        return name
    pattern = r"\b" + r"[.\s]*".join(re.escape(w) for w in words) + r"\.?"
    match = re.search(pattern, page_text)
    if not match:
        return name
    found = match.group(0)
    if found.endswith(".") and not re.search(r"\b(\w|jr|sr)\.$", found, re.I):
        found = found[:-1]
    return found if simple(found) == simple(name) else name


# -- article or not -------------------------------------------------------------------------------

#: A listing's address: the listing word and at most one more segment ("/tag/harbour/",
#: "/category/news"); "/themen/laien/2021-11-19/story" is an article under a topic.
_LISTING_PATH = re.compile(r"/(tag|tags|category|categories|kategorie|rubrik|section|sections|topic|topics|thema|themen|archiv|archive|author|autor)(/[^/]+)?/?$", re.I)
_INDEX_FILE = re.compile(r"^/?([a-z]{2}(?:[-_][a-z]{2})?/)?((index|default|home|start)\.(html?|php|aspx?))?$", re.I)


def declared_date(info: Declared) -> Published:
    """The publication date the page declares in JSON-LD or ``<meta>`` (no search of its text)."""
    article = info.article or {}
    for value in (article.get("datePublished"), article.get("dateCreated"), info.first(*PUBLISHED_META)):
        day = _day(value)
        if day is not None:
            return day
    return None


#: Below this many words of main text, a page with no article metadata at all is not one.
SHORT_PAGE_WORDS = 300
#: Above this share of link text in the page's text, a page with no article metadata is a listing.
LINK_SHARE = 0.6


def non_article_reason(
    info: Declared, url: str | None, has_byline: bool, words: int, page_text: str, link_chars: int
) -> str | None:
    """Why a page is not an article (a home, section, tag or company page), or ``None``.

    Conservative, as a real article must never be skipped: a page that declares itself
    an article (``og:type`` article or story, a JSON-LD article type) or declares a
    publication date is one, whatever else it looks like (news sites mark articles up;
    ``og:type`` website alone is not enough, many article pages say it). A page with none
    of these is skipped when its address is a site's root or index page or a tag, section
    or archive path, when it declares itself a listing (JSON-LD ``CollectionPage``), when
    most of its text is link text (teasers), or when it is a page as a site serves it
    (with ``<meta>`` tags, unlike a feed entry's HTML) with no address, no byline and
    little text. Anything else is read as an article.
    """
    og_type = info.first("og:type").casefold()
    if og_type.startswith(("article", "story", "news")) or info.article is not None or declared_date(info) is not None:
        return None
    parsed = urlparse(url) if url else None
    path = parsed.path if parsed else None
    if parsed is not None and not parsed.query and _INDEX_FILE.match(parsed.path):
        return "home page: no article type or date, address is the site's root"
    if path is not None and _LISTING_PATH.search(path):
        return f"index page: no article type or date, address {path}"
    types = {t for o in info.objects for t in _types(o)}
    if types & {"collectionpage", "searchresultspage"}:
        return "index page: declared a collection page"
    if page_text and link_chars / len(page_text) > LINK_SHARE:
        return f"mostly links: {100 * link_chars // len(page_text)}% of its text is link text, no article type or date"
    if path is None and not has_byline and words < SHORT_PAGE_WORDS and info.meta:
        return f"no article type, date, byline or address, and {words} words of text"
    return None
