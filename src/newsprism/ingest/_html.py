"""HTML pages: main text with trafilatura, metadata and article-or-not with ``_meta``.

The body is trafilatura's main text; when that reads as menus only, its precise mode's,
else the JSON-LD ``articleBody``. Lines that are the site talking (subscription pitches,
"read also") are removed and a standfirst the extraction left out is put back
(``_meta.drop_boilerplate``, ``_meta.lead``). Title, outlet, date, byline and language
come from ``_meta``. A page that is not an article raises ``NotAnArticle`` unless
``IngestOptions.keep_non_articles``.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

import trafilatura
from trafilatura.utils import load_html

from newsprism.errors import InputError
from newsprism.ingest import _meta
from newsprism.ingest._lines import classify
from newsprism.model import BODY, RawArticle
from newsprism.options import IngestOptions

# trafilatura logs extraction trouble on its own; our errors say it in one line.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


#: Fewest words of a JSON-LD ``articleBody`` read as the article when the page's markup has none.
DECLARED_BODY_MIN_WORDS = 80


class NotAnArticle(InputError):
    """A page that is not an article (a home, section, tag or company page): skipped, not failed."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, f"skipped, not an article ({reason})")
        self.reason = reason


def parse_html(html: str, source: str, options: IngestOptions, url: str | None = None) -> RawArticle:
    """Read one article page; refuse pages with no main text, skip pages that are no article.

    Unless ``options.keep_non_articles``, a page that is not an article raises
    ``NotAnArticle`` (an ``InputError`` that readers report as a skip).
    """
    try:
        tree = load_html(html)
        if tree is None:
            raise InputError(source, "no main text found in the HTML page")
        info = _meta.declared(tree)
    except InputError:
        raise
    except Exception as exc:  # lxml raises many kinds on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from exc
    doc = _extract(tree, url, source, with_metadata=True)
    page_url = (doc.url if doc is not None else None) or url
    outlet = _outlet(info, page_url, options, source)
    names = [outlet, info.first("og:site_name"), _meta.domain_name(page_url), (doc.sitename if doc else "") or ""]
    page_text, link_chars = _text_and_links(tree)
    known = [n for n in names if n]
    byline = _meta.byline(doc.author if doc else None, known, page_text) or _meta.byline(
        _meta.declared_authors(info), known, page_text
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no main text found in the HTML page")
    title = _meta.title(info, doc.title, names)
    body = _drop_title_line(doc.text.strip(), title, doc.title)
    if not body:
        raise InputError(source, "no main text found in the HTML page (only a headline)")
    declared_body = ""
    if not _has_body_line(body):
        # trafilatura's default mode can take a whole page's chrome as one block; its
        # precise mode then often still finds the story's own paragraphs
        precise = _extract(tree, url, source, favor_precision=True, with_metadata=False)
        body = _drop_title_line((precise.text or "").strip(), title, doc.title) if precise is not None else ""
    if not body or not _has_body_line(body):
        # some pages carry the story only in their JSON-LD: the publisher's own text, taken
        # when it is a story's length (it often comes as one line, which reads as no sentence)
        declared_body = _meta.article_body(info)
        if len(declared_body.split()) >= DECLARED_BODY_MIN_WORDS:
            body = declared_body
    if not body or not (_has_body_line(body) or body == declared_body):
        raise InputError(source, "no main text found in the HTML page (only menus, headings or notices)")
    body = _meta.drop_boilerplate(body) or body
    standfirst = _meta.lead(info, tree, body, page_text)
    if standfirst:
        body = f"{standfirst}\n{body}"
    if not options.keep_non_articles:
        reason = _meta.non_article_reason(info, page_url, bool(byline), len(body.split()), page_text, link_chars)
        if reason:
            raise NotAnArticle(source, reason)
    return RawArticle(
        source=source,
        title=title or body.split("\n", 1)[0][:200],
        text=body,
        outlet=outlet,
        published=_meta.published(info, doc.date, page_text, title),
        url=page_url,
        byline=byline,
        language=_meta.language(info),
        metadata={k: v for k, v in {"description": doc.description}.items() if v},
    )


def _extract(tree, url: str | None, source: str, **settings):
    """trafilatura's extraction of the page's main text (and metadata, if asked)."""
    try:
        return trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=False, **settings)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(exc).__name__})") from exc


def _text_and_links(tree) -> tuple[str, int]:
    """The visible text of the page's body and how many of its characters are link text."""
    body = tree.find(".//body")
    if body is None:
        return "", 0
    text = " ".join(t for t in body.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"))
    links = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    return " ".join(text.split()), links


def _has_body_line(text: str) -> bool:
    """Whether any line is story text rather than a menu item, heading or notice.

    trafilatura falls back to whatever text a page has, so a page of navigation links
    comes back as "Home\nNews"; no line of it reads as a sentence.
    """
    return any(classify(line) == BODY for line in text.split("\n") if line.strip())


def _drop_title_line(text: str, *titles: str | None) -> str:
    first, _, rest = text.partition("\n")
    if any(t and first.strip() == t.strip() for t in titles):
        return rest.strip()
    return text


def _outlet(info: _meta.Declared, url: str | None, options: IngestOptions, source: str) -> str:
    if options.outlet:
        return options.outlet
    return _meta.outlet(info, url) or PurePath(source).stem
