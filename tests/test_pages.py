"""Real web pages: metadata a librarian would sign, and pages that are not articles.

One small hand-written page per failure family (a site suffix in the title, a CMS
placeholder as headline, a publisher's legal name or Facebook page as the outlet, an
update or sidebar date, a byline that names no one, a home page), then the figures on
the saved pages of ``shared/eval/pages`` (skipped when that folder is missing).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsprism.ingest import Skipped, _meta, read
from newsprism.ingest._html import NotAnArticle, parse_html
from newsprism.model import RawArticle
from newsprism.options import IngestOptions

from .conftest import SHARED

STORY = (
    "The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs, "
    "the city council said in a statement.",
    "Engineers replaced the corroded steel cables and resurfaced the deck, work that cost an "
    "estimated 14 million euros according to the council's figures.",
    "Commuters had faced detours of up to forty minutes while the bridge was closed, and local "
    "shops near the crossing reported a sharp fall in trade during the works.",
    "The mayor thanked residents for their patience and said a second crossing upstream would be "
    "inspected next spring before any decision on its future is taken.",
)
OPTIONS = IngestOptions()


def page(
    head: str = "",
    body: str = "",
    lang: str = ' lang="en"',
    headline: str = "Harbour bridge reopens after repairs",
    ld: dict | None = None,
    paragraphs: tuple[str, ...] = STORY,
) -> str:
    """A page with ``head`` in its head, a nav, the story under ``<h1>``, and ``body`` after it."""
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    text = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html{lang}><head><meta charset="utf-8">{head}{script}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{headline}</h1>
{text}
</article>{body}
<footer>Contact us. Imprint. Privacy.</footer></body></html>"""


def article(html: str, source: str = "page.html", **options) -> RawArticle:
    return parse_html(html, source, IngestOptions(**options))


CANONICAL = '<link rel="canonical" href="https://www.daily-example.com/news/2024/03/05/harbour-bridge-reopens">'
PUBLISHED = '<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">'


# -- title ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Harbour bridge reopens after repairs | The Daily Example",
        "Harbour bridge reopens after repairs - The Daily Example",
        "Harbour bridge reopens after repairs – News – daily-example.com",
        "The Daily Example: Harbour bridge reopens after repairs",
    ],
)
def test_site_part_is_cut_from_the_title(title) -> None:
    head = f"<title>{title}</title>{CANONICAL}{PUBLISHED}" '<meta property="og:site_name" content="The Daily Example">'
    assert article(page(head, headline="")).title == "Harbour bridge reopens after repairs"


def test_title_parts_that_are_not_the_site_are_kept() -> None:
    names = ["The Daily Example", "Daily Example"]
    assert _meta.strip_site("Brexit: what happens next", names) == "Brexit: what happens next"
    assert _meta.strip_site("Update | Bridge reopens after repairs", names) == "Update | Bridge reopens after repairs"


def test_cms_placeholder_headline_is_refused() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "escenic",
          "datePublished": "2024-03-05T08:30:00+01:00"}
    raw = article(page(f"<title>escenic</title>{CANONICAL}", ld=ld))
    assert raw.title == "Harbour bridge reopens after repairs"
    assert _meta.is_placeholder("Escenic") and _meta.is_placeholder("Untitled") and not _meta.is_placeholder("Bridge")


# -- outlet ---------------------------------------------------------------------------------------


def test_publishers_legal_name_is_not_the_outlet() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-05",
          "publisher": {"@type": "Organization", "name": "Daily Example Verlags- und Vertriebs GmbH"}}
    assert article(page(CANONICAL, ld=ld)).outlet == "Daily Example"
    ld["publisher"]["name"] = "Example Post GmbH"
    assert article(page(CANONICAL, ld=ld)).outlet == "Example Post"


def test_social_media_address_is_not_the_outlet() -> None:
    head = CANONICAL + PUBLISHED + '<meta property="og:site_name" content="https://www.facebook.com/dailyexample">'
    assert article(page(head)).outlet == "Daily Example"


@pytest.mark.parametrize(
    ("given", "outlet"),
    [
        ("SPIEGEL ONLINE, Hamburg, Germany", "SPIEGEL ONLINE"),
        ("handelsblatt_de", "handelsblatt"),
        ("@dailyexample", "dailyexample"),
        ("© Daily Example 2024", "Daily Example"),
        ("Daily Example | Local news, weather, sport", "Daily Example"),
        ("https://twitter.com/dailyexample", ""),
        ("Example Media Holding Inc.", ""),
    ],
)
def test_site_names_are_cleaned(given, outlet) -> None:
    assert _meta.clean_site_name(given, "Harbour bridge reopens", "Daily Example") == outlet


def test_outlet_from_the_domain_when_the_page_names_none() -> None:
    assert article(page(CANONICAL + PUBLISHED)).outlet == "Daily Example"
    assert _meta.domain_name("https://news.bbc.co.uk/a/b") == "Bbc"
    assert _meta.domain_name(None) == ""


def test_outlet_option_overrides_the_page() -> None:
    assert article(page(CANONICAL + PUBLISHED), outlet="My Outlet").outlet == "My Outlet"


# -- date -----------------------------------------------------------------------------------------


def test_published_date_wins_over_the_modified_date() -> None:
    head = CANONICAL + PUBLISHED + '<meta property="article:modified_time" content="2024-03-09T10:00:00+01:00">'
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "dateModified": "2024-03-09T10:00:00+01:00"}
    assert article(page(head, ld=ld)).published == dt.date(2024, 3, 5)


def test_declared_date_wins_over_dates_in_the_page_chrome() -> None:
    chrome = "<aside><h3>Most read</h3><p>Ferry strike ends 12.03.2024</p><p>Today: 20.03.2024</p></aside>"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-05T08:30:00+01:00"}
    assert article(page(CANONICAL, body=chrome, ld=ld)).published == dt.date(2024, 3, 5)


def test_dateline_next_to_the_headline_without_a_declared_date() -> None:
    chrome = "<aside><p>Wednesday, 20.03.2024</p></aside>" + "<p>more</p>" * 60
    html = page(CANONICAL, body=chrome).replace("</h1>", "</h1><p class='date'>Stand: 05.03.2024 18:00 Uhr</p>")
    assert article(html).published == dt.date(2024, 3, 5)


def test_utc_timestamp_takes_the_outlets_day_from_the_dateline() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-03-06T02:10:00Z"}
    html = page(CANONICAL, ld=ld).replace("</h1>", "</h1><p>March 5, 2024</p>")
    assert article(html).published == dt.date(2024, 3, 5)
    offset = {**ld, "datePublished": "2024-03-06T02:10:00+01:00"}  # the outlet's own offset: its day
    assert article(page(CANONICAL, ld=offset).replace("</h1>", "</h1><p>March 5, 2024</p>")).published == dt.date(2024, 3, 6)


# -- byline ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("No Author", None),
        ("By Jane Reporter", "Jane Reporter"),
        ("The Daily Example; Jane Reporter", "Jane Reporter"),
        ("Daily Example News February", None),
        ("Example Media Deutschland GmbH", None),
        ("jane@daily-example.com", None),
        ("dpa", "dpa"),
        ("Redaktion", "Redaktion"),
        ("Jane Reporter im Gespräch mit Sam Writer", "Jane Reporter; Sam Writer"),
    ],
)
def test_byline_keeps_names_and_credits_only(author, byline) -> None:
    assert _meta.byline(author, ["The Daily Example", "Daily Example"]) == byline


def test_byline_from_a_page_drops_a_non_name() -> None:
    head = CANONICAL + PUBLISHED + '<meta name="author" content="No Author">'
    assert article(page(head)).byline is None
    head = CANONICAL + PUBLISHED + '<meta name="author" content="Jane Reporter">'
    assert article(page(head)).byline == "Jane Reporter"


def test_byline_from_analytics_tags_when_the_author_tag_names_the_outlet() -> None:
    head = (CANONICAL + PUBLISHED + '<meta property="og:site_name" content="The Daily Example">'
            '<meta name="author" content="The Daily Example"><meta name="parsely-author" content="Jane Reporter">')
    assert article(page(head)).byline == "Jane Reporter"


def test_byline_gets_its_dots_back_from_the_page() -> None:
    assert _meta.byline("J O Haselhoef", [], "Story by J.O. Haselhoef, staff") == "J.O. Haselhoef"
    assert _meta.byline("Perry Bacon Jr", [], "By Perry Bacon Jr. Filed under politics") == "Perry Bacon Jr."


# -- language -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "head", "language"),
    [
        (' lang="de-DE"', "", "de"),
        ("", '<meta property="og:locale" content="fr_FR">', "fr"),
        ("", '<meta http-equiv="content-language" content="EN-gb">', "en"),
        ("", "", ""),
    ],
)
def test_language_is_the_declared_one_or_unknown(lang, head, language) -> None:
    assert article(page(CANONICAL + PUBLISHED + head, lang=lang)).language == language


# -- body -----------------------------------------------------------------------------------------


def test_standfirst_printed_in_the_header_opens_the_body() -> None:
    lead = "Eight months of repairs end with the harbour crossing open to cars, bikes and buses again."
    head = CANONICAL + PUBLISHED + f'<meta name="description" content="{lead}">'
    html = page(head).replace("</h1>", f"</h1><p class='article-intro'><strong>{lead}</strong></p>")
    raw = article(html)
    assert raw.text.startswith(lead) and raw.text.count(lead) == 1


def test_site_pitches_are_removed_from_the_body() -> None:
    pitches = ("Never miss the latest news by signing up to our newsletter today!",
               "Follow The Daily Example on Twitter and Instagram.")
    raw = article(page(CANONICAL + PUBLISHED, paragraphs=STORY + pitches))
    assert all(p not in raw.text for p in pitches)
    assert all(p in raw.text for p in STORY)


def test_story_lines_that_mention_newsletters_are_kept() -> None:
    line = "Residents were told to sign up for text alerts about closures on the council's website."
    assert line in _meta.drop_boilerplate(line + "\n" + STORY[0])


# -- articles only --------------------------------------------------------------------------------


HOME = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Daily Example</title>
<link rel="canonical" href="https://www.daily-example.com/"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Welcome to the Daily Example</h1>
<p>The Daily Example has reported on the harbour, the council and the city's clubs since 1921, and it
is read by more people in the region every week than any other paper printed here.</p>
<ul><li><a href="/n/1">Harbour bridge reopens after repairs</a></li><li><a href="/n/2">Council votes on budget</a></li>
<li><a href="/n/3">Ferry strike ends after talks</a></li></ul>
</body></html>"""


def test_home_page_is_skipped_with_the_reason() -> None:
    with pytest.raises(NotAnArticle) as caught:
        article(HOME, "home.html")
    assert str(caught.value).startswith("home.html: skipped, not an article (home page")
    assert article(HOME, "home.html", keep_non_articles=True).title


@pytest.mark.parametrize(
    "address",
    ["https://www.daily-example.com/tag/harbour/", "https://www.daily-example.com/category/news",
     "https://www.daily-example.com/de/index.html"],
)
def test_index_and_tag_pages_are_skipped(address) -> None:
    with pytest.raises(NotAnArticle):
        article(HOME.replace("https://www.daily-example.com/", address))


def test_link_list_page_is_skipped() -> None:
    links = "".join(f"<li><a href='/n/{i}'>Teaser headline number {i} about the harbour and the council</a></li>" for i in range(40))
    html = HOME.replace('<link rel="canonical" href="https://www.daily-example.com/">', "").replace("</ul>", links + "</ul>")
    with pytest.raises(NotAnArticle) as caught:
        article(html, "section.html")
    assert "mostly links" in caught.value.problem


def test_article_saying_og_type_website_is_not_skipped() -> None:
    head = '<meta property="og:type" content="website"><meta name="author" content="Jane Reporter">'
    raw = article(page(head))  # no address, no declared date: its byline and text make it an article
    assert raw.text.startswith(STORY[0]) and raw.byline == "Jane Reporter"
    address = '<link rel="canonical" href="https://www.daily-example.com/news/harbour-bridge-reopens">'
    assert article(page('<meta property="og:type" content="website">' + address)).title


def test_feed_entry_html_is_not_taken_for_a_home_page() -> None:
    fragment = "<html><head><title>Bridge</title></head><body><article>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article></body></html>"
    assert article(fragment, "feed.xml#1").text.startswith(STORY[0])


def test_read_reports_a_skip_and_load_leaves_it_out(tmp_path: Path) -> None:
    from newsprism.ingest import load

    home = tmp_path / "home.html"
    home.write_text(HOME, encoding="utf-8")
    story = tmp_path / "story.html"
    story.write_text(page(CANONICAL + PUBLISHED), encoding="utf-8")
    items = list(read([str(home), str(story)], OPTIONS))
    assert isinstance(items[0], Skipped) and str(items[0]).startswith(f"{home}: skipped, not an article (")
    assert isinstance(items[1], RawArticle)
    assert [a.title for a in load([str(home), str(story)])] == ["Harbour bridge reopens after repairs"]


def test_cli_prints_one_line_per_skipped_page_and_keeps_them_on_request(tmp_path: Path, invoke) -> None:
    home = tmp_path / "home.html"
    home.write_text(HOME, encoding="utf-8")
    story = tmp_path / "story.html"
    story.write_text(page(CANONICAL + PUBLISHED + '<meta name="author" content="Jane Reporter">'), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    result = invoke("ingest", "--db", db, home, story)
    assert result.code == 0, result.err
    assert result.err.strip().splitlines() == [
        f"{home}: skipped, not an article (home page: no article type or date, address is the site's root)"
    ]
    assert result.out.strip() == "ingested 1, duplicates 0, failed 0, skipped 1"
    alone = invoke("ingest", "--db", tmp_path / "other.duckdb", home)
    assert alone.code == 1 and "skipped, not an article" in alone.err and "Traceback" not in alone.err
    kept = invoke("ingest", "--db", db, "--keep-non-articles", home)
    assert kept.code == 0 and kept.out.strip() == "ingested 1, duplicates 0, failed 0"
    listed = invoke("list", "--db", db)
    assert "Jane Reporter" in listed.out and "byline" in listed.out and "lang" in listed.out
    ident = next(line.split("│")[1].strip() for line in listed.out.splitlines() if "Harbour" in line)
    shown = invoke("show", ident, "--db", db)
    assert "by Jane Reporter  ·  language en" in shown.out


# -- the saved pages --------------------------------------------------------------------------------

PAGES = SHARED / "eval" / "pages"


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    """Share right per field over the development pages, as ``bench.pages`` counts it."""
    if not (PAGES / "pages.jsonl").is_file():
        pytest.skip(f"saved pages not found at {PAGES}")
    from bench import pages as bench

    tally = bench.Tally("newsprism")
    skipped = wrongly_skipped = others = 0
    for record in bench.page_records(PAGES):
        data, name = bench.page_bytes(record, PAGES)
        items = bench.read_items(data, name, OPTIONS)
        is_skipped = any("not an article" in getattr(i, "problem", "") for i in items)
        if not record["article"]:
            others += 1
            skipped += is_skipped
            continue
        wrongly_skipped += is_skipped
        raw = next((i for i in items if isinstance(i, RawArticle)), None)
        fields = (raw.title, raw.outlet, raw.published, raw.byline, raw.text) if raw else (None,) * 4 + ("",)
        bench.score(tally, record["file"], record, *fields)
    shares = {key: tally.right[key] / tally.total[key] for key in tally.total}
    return {**shares, "skipped": skipped / others, "wrongly_skipped": wrongly_skipped}


@pytest.mark.parametrize(
    ("field", "floor"),
    [("title", 0.96), ("outlet", 0.96), ("date", 0.95), ("author", 0.80), ("body", 0.965)],
)
def test_saved_pages_metadata_and_body(figures, field, floor) -> None:
    assert figures[field] >= floor, f"{field}: {figures[field]:.3f} < {floor}"


def test_saved_pages_every_non_article_skipped_and_no_article(figures) -> None:
    assert figures["skipped"] == 1.0
    assert figures["wrongly_skipped"] == 0


@pytest.mark.parametrize(
    "address",
    ["https://www.daily-example.com/index.php?article=5123", "https://www.daily-example.com/themen/hafen/2024-03-05/bruecke"],
)
def test_article_addresses_that_look_like_listings_are_not_skipped(address) -> None:
    head = f'<link rel="canonical" href="{address}">'
    assert article(page(head)).title == "Harbour bridge reopens after repairs"
