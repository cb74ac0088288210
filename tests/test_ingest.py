"""Ingest: every input kind, read with the real readers, segmented by the real spaCy
pipeline and stored in a real DuckDB store, then read back from the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import build_articles, ingest, load, read
from newsprism.ingest._fetch import FETCH_FAILED
from newsprism.model import BODY, BULLET, CAPTION, Article, IngestFailure, RawArticle
from newsprism.options import IngestOptions
from newsprism.store import Store

#: Two extra paragraphs so a feed entry carrying the story has its full text (120+ words).
MORE = (
    "The transport authority said it would add extra buses on the route for the first week "
    "while drivers got used to the new lane layout on the approach roads.",
    "Opposition councillors welcomed the reopening but asked for an independent audit of the "
    "contract, which ran three months late and went over budget.",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store.duckdb") as opened:
        yield opened


#: The test web server is on 127.0.0.1: it stands in for the public web.
LOCAL = IngestOptions(allow_private_urls=True)


def ingest_articles(inputs: list[object], store: Store, **options: object) -> list[Article]:
    """Ingest the inputs and return the articles the store now holds for them."""
    report = ingest([str(i) for i in inputs], store, IngestOptions(**options))
    assert not report.failed, report.failed
    return store.get_many(report.ingested)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_well_segmented(article: Article) -> None:
    """Every sentence and entity slices the stored text; no sentence crosses a paragraph."""
    assert article.sentences, article.id
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))
    for sentence in article.sentences:
        piece = article.text[sentence.start : sentence.end]
        assert piece and piece == piece.strip()
        paragraph = article.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
        assert sentence.kind == paragraph.kind
    for entity in article.entities:
        assert article.text[entity.start : entity.end] == entity.text


# -- plain text ---------------------------------------------------------------------------------


def test_text_file_headline_is_first_non_empty_line_and_outlet_is_the_file_stem(tmp_path, store, story) -> None:
    path = write(tmp_path / "daily-planet.txt", "\n\n  Bridge reopens after repairs  \n" + "\n\n".join(story) + "\n")
    (article,) = ingest_articles([path], store)
    assert article.title == "Bridge reopens after repairs"
    assert article.text == "\n\n".join(story)
    assert article.outlet == "daily-planet"
    assert article.published is None
    assert article.url is None and article.byline is None
    assert article.source == str(path)
    assert_well_segmented(article)


def test_text_front_matter_gives_outlet_date_url_byline_and_keeps_other_fields(tmp_path, store, story) -> None:
    text = (
        "---\n"
        "outlet: The Daily Planet\n"
        "published: 2024-03-05\n"
        "url: https://planet.example.com/bridge\n"
        "byline: Lois Lane\n"
        "section: City\n"
        "---\n"
        "Bridge reopens after repairs\n\n" + "\n\n".join(story)
    )
    (article,) = ingest_articles([write(tmp_path / "a.txt", text)], store)
    assert article.title == "Bridge reopens after repairs"
    assert article.outlet == "The Daily Planet"
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == "https://planet.example.com/bridge"
    assert article.byline == "Lois Lane"
    assert article.metadata == {"section": "City"}
    assert article.text.startswith(story[0])


def test_outlet_option_overrides_what_the_front_matter_says(tmp_path, story) -> None:
    text = "---\noutlet: The Daily Planet\n---\nBridge reopens\n\n" + "\n\n".join(story)
    (article,) = load([str(write(tmp_path / "a.txt", text))], IngestOptions(outlet="Wire Desk"))
    assert article.outlet == "Wire Desk"


def test_front_matter_with_a_bad_date_is_refused_naming_the_field(tmp_path, story) -> None:
    path = write(tmp_path / "a.txt", "---\npublished: last Tuesday\n---\nHeadline\n\n" + story[0])
    with pytest.raises(InputError) as caught:
        load([str(path)])
    assert caught.value.source == str(path)
    assert "published" in caught.value.problem


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_non_utf8_text_file_decodes_to_the_right_characters(tmp_path, store, encoding) -> None:
    title = "Café owners in Montréal count the cost"
    body = (
        "Owners of the café said the new rules were naïve and costly, and that crème brûlée sales "
        "fell by a third last year while façade repairs stalled.\n\n"
        "The city’s mayor – who met them on Friday – promised a “fair review” of the fees."
        if encoding == "cp1252"
        else "Owners of the café said the new rules were naïve and costly, and that crème brûlée sales "
        "fell by a third last year while façade repairs stalled.\n\n"
        "The city's mayor, who met them on Friday, promised a fair review of the fees in Zürich style."
    )
    path = write(tmp_path / f"{encoding}.txt", f"{title}\n{body}\n".encode(encoding))
    (article,) = ingest_articles([path], store)
    assert article.title == title
    assert article.text == body


# -- HTML -----------------------------------------------------------------------------------------


def test_html_page_gives_main_text_title_site_date_author_and_canonical_url(tmp_path, store, make_html, story) -> None:
    (article,) = ingest_articles([write(tmp_path / "bridge.html", make_html())], store)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Daily Example"
    assert article.published == dt.date(2024, 3, 5)
    assert article.byline == "Jane Reporter"
    assert article.url == "https://daily.example.com/news/harbour-bridge-reopens"
    for paragraph in story:
        assert paragraph in article.text
    for chrome in ("Home", "Sport", "Copyright", "All rights reserved"):
        assert chrome not in article.text
    assert not article.text.startswith(article.title)  # the page's own <h1> is not body text
    assert_well_segmented(article)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><head><title>App</title></head><body><div id='root'></div><script>render()</script></body></html>",
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<footer>Copyright 2024 Example Ltd.</footer></body></html>",
    ],
    ids=["empty-body", "script-only", "navigation-only"],
)
def test_html_page_without_main_text_is_refused(tmp_path, html) -> None:
    path = write(tmp_path / "page.html", html)
    with pytest.raises(InputError) as caught:
        load([str(path)])
    assert caught.value.source == str(path)
    assert "no main text" in caught.value.problem


# -- record corpora -------------------------------------------------------------------------------


def records(story: tuple[str, ...]) -> list[dict[str, object]]:
    return [
        {"id": "rec-1", "outlet": "Wire A", "title": "Bridge reopens", "published": "2024-03-05",
         "url": "https://a.example/1", "text": "\n\n".join(story[:2]), "section": "city", "rank": 3},
        {"id": "rec-2", "outlet": "Wire B", "title": "Commuters relieved", "published": "2024-03-06T10:15:00+00:00",
         "url": "https://b.example/2", "text": "\n\n".join(story[2:]), "tags": ["bridge", "traffic"]},
    ]


def check_records(articles: list[Article]) -> None:
    first, second = sorted(articles, key=lambda a: a.id)
    assert (first.id, first.outlet, first.title, first.url) == ("rec-1", "Wire A", "Bridge reopens", "https://a.example/1")
    assert first.published == dt.date(2024, 3, 5)
    assert first.metadata == {"section": "city", "rank": 3}
    assert second.published == dt.datetime(2024, 3, 6, 10, 15, tzinfo=dt.timezone.utc)
    assert second.metadata == {"tags": ["bridge", "traffic"]}
    for article in articles:
        assert_well_segmented(article)


def test_jsonl_records_give_their_fields_and_keep_the_rest_as_metadata(tmp_path, store, story) -> None:
    path = write(tmp_path / "corpus.jsonl", "".join(json.dumps(r) + "\n" for r in records(story)))
    check_records(ingest_articles([path], store))


def test_json_array_and_articles_object_are_read_alike(tmp_path, story) -> None:
    array = write(tmp_path / "array.json", json.dumps(records(story)))
    wrapped = write(tmp_path / "wrapped.json", json.dumps({"articles": records(story)}))
    for path in (array, wrapped):
        check_records(load([str(path)]))


def test_csv_with_a_mapped_text_column(tmp_path, store, story) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["id", "outlet", "title", "published", "url", "body", "section"])
    writer.writeheader()
    for record in records(story):
        writer.writerow({k: record.get(k, "") for k in ["id", "outlet", "title", "published", "url"]}
                        | {"body": record["text"], "section": "city"})
    path = write(tmp_path / "corpus.csv", buffer.getvalue())
    articles = ingest_articles([path], store, field_map={"text": "body"})
    assert sorted(a.id for a in articles) == ["rec-1", "rec-2"]
    by_id = {a.id: a for a in articles}
    assert by_id["rec-1"].text == "\n\n".join(story[:2])
    assert by_id["rec-2"].outlet == "Wire B"
    assert by_id["rec-1"].metadata == {"section": "city"}


def test_csv_without_the_text_column_says_which_columns_it_has(tmp_path) -> None:
    path = write(tmp_path / "corpus.csv", "id,headline,body\n1,Bridge,The bridge reopened.\n")
    with pytest.raises(InputError, match=r"no 'text' column \(columns: id, headline, body\); use --map text=COLUMN"):
        load([str(path)])


def test_mapped_fields_read_a_jsonl_corpus_with_other_names(tmp_path, story) -> None:
    line = {"doc": "x-9", "source_name": "Wire C", "headline": "Bridge reopens", "body": story[0]}
    path = write(tmp_path / "other.jsonl", json.dumps(line) + "\n")
    options = IngestOptions(field_map={"id": "doc", "outlet": "source_name", "title": "headline", "text": "body"})
    (article,) = load([str(path)], options)
    assert (article.id, article.outlet, article.title, article.text) == ("x-9", "Wire C", "Bridge reopens", story[0])
    assert article.metadata == {}


def test_jsonl_bad_lines_are_failures_naming_file_and_line(tmp_path, story) -> None:
    good = json.dumps({"title": "Bridge", "text": story[0]})
    path = write(tmp_path / "mixed.jsonl", good + "\n\n{not json\n" + json.dumps({"title": "x"}) + "\n")
    items = list(read([str(path)]))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert [f.source for f in failures] == [f"{path}:3", f"{path}:4"]
    assert "malformed JSON" in failures[0].problem
    assert "no text" in failures[1].problem
    assert sum(not isinstance(i, IngestFailure) for i in items) == 1


# -- feeds and URLs -------------------------------------------------------------------------------


def rss(title: str, items: list[dict[str, str]]) -> str:
    entries = "".join(
        f"""<item><title>{i['title']}</title><link>{i['link']}</link><guid>{i['link']}</guid>
<pubDate>{i.get('date', 'Tue, 05 Mar 2024 08:30:00 GMT')}</pubDate><dc:creator>{i.get('author', 'Jane Reporter')}</dc:creator>
<description><![CDATA[{i['summary']}]]></description>{i.get('content', '')}</item>"""
        for i in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{title}</title><link>https://gazette.example.org/</link><description>News</description>
{entries}</channel></rss>"""


def full_content(paragraphs: tuple[str, ...]) -> str:
    return "<content:encoded><![CDATA[" + "".join(f"<p>{p}</p>" for p in paragraphs) + "]]></content:encoded>"


def test_rss_file_entries_with_full_text_are_read_without_fetching(tmp_path, store, story, closed_port_url) -> None:
    # The links point at a closed port: fetching them would fail the run.
    feed = rss("Harbour Gazette", [
        {"title": "Bridge reopens", "link": closed_port_url + "?1", "summary": "Teaser.",
         "content": full_content(story + MORE)},
        {"title": "Audit demanded", "link": closed_port_url + "?2", "summary": "Teaser two.", "author": "Sam Writer",
         "date": "Wed, 06 Mar 2024 12:00:00 GMT", "content": full_content(MORE + story)},
    ])
    first, second = ingest_articles([write(tmp_path / "gazette.rss", feed)], store)
    assert [first.title, second.title] == ["Bridge reopens", "Audit demanded"]
    assert {first.outlet, second.outlet} == {"Harbour Gazette"}
    assert first.text.split("\n")[0] == story[0] and second.text.split("\n")[0] == MORE[0]
    assert first.published == dt.datetime(2024, 3, 5, 8, 30, tzinfo=dt.timezone.utc)
    assert (first.url, first.byline, second.byline) == (closed_port_url + "?1", "Jane Reporter", "Sam Writer")
    assert first.metadata == {"feed_entry_id": closed_port_url + "?1"}
    assert_well_segmented(first)


def test_atom_file_entries_are_articles(tmp_path, store, story) -> None:
    content = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in story + MORE)
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:atom-times</id>
<updated>2024-03-06T10:00:00Z</updated>
<entry><title>Bridge reopens</title><link href="https://atom.example/bridge"/><id>urn:e1</id>
<published>2024-03-06T09:00:00Z</published><updated>2024-03-06T10:00:00Z</updated>
<author><name>Sam Writer</name></author><content type="html">{content}</content></entry></feed>"""
    (article,) = ingest_articles([write(tmp_path / "times.atom", feed)], store)
    assert (article.title, article.outlet, article.url, article.byline) == (
        "Bridge reopens", "Atom Times", "https://atom.example/bridge", "Sam Writer")
    assert article.published == dt.datetime(2024, 3, 6, 9, 0, tzinfo=dt.timezone.utc)
    assert article.text.split("\n") == list(story + MORE)


def test_teaser_only_entries_keep_their_summary_when_fetching_is_off(tmp_path, closed_port_url) -> None:
    feed = rss("Harbour Gazette", [{"title": "Bridge", "link": closed_port_url, "summary": "The bridge reopened on Tuesday."}])
    (article,) = load([str(write(tmp_path / "teaser.xml", feed))], IngestOptions(fetch_links=False))
    assert article.text == "The bridge reopened on Tuesday."


def test_html_page_url_is_fetched_and_read(web, store, make_html, story) -> None:
    url = web.put("pages/bridge.html", make_html(canonical="https://daily.example.com/bridge"))
    (article,) = ingest_articles([url], store, allow_private_urls=True)
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.outlet == "The Daily Example"
    assert article.source == url
    assert all(p in article.text for p in story)


def test_feed_url_with_teasers_fetches_each_linked_page(web, store, make_html, story) -> None:
    pages = {
        "bridge": make_html(canonical=web.url("news/bridge.html")),
        "audit": make_html(title="Councillors demand audit", paragraphs=MORE + story[:1],
                           canonical=web.url("news/audit.html")),
    }
    links = {name: web.put(f"news/{name}.html", html) for name, html in pages.items()}
    feed_url = web.put("feeds/teasers.xml", rss("Harbour Gazette", [
        {"title": "Bridge reopens", "link": links["bridge"], "summary": "The bridge is open again."},
        {"title": "Audit demanded", "link": links["audit"], "summary": "Councillors want answers."},
    ]))
    bridge, audit = ingest_articles([feed_url], store, allow_private_urls=True)
    assert (bridge.title, bridge.url, bridge.outlet) == ("Bridge reopens", links["bridge"], "Harbour Gazette")
    assert all(p in bridge.text for p in story)
    assert "The bridge is open again." not in bridge.text
    assert audit.text.startswith(MORE[0])
    assert bridge.source == f"{feed_url}#1" and audit.source == f"{feed_url}#2"


def test_xhtml_page_url_is_read_as_a_page_not_a_feed(web, make_html, story) -> None:
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + make_html().replace(
        '<html lang="en">', '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">').replace("<!DOCTYPE html>\n", "")
    (article,) = load([web.put("pages/bridge.xhtml", xhtml)], LOCAL)
    assert article.text.split("\n") == list(story)


def test_linked_page_in_a_legacy_encoding_is_decoded(web, make_html) -> None:
    paragraphs = ("Owners of the café in Montréal said the “new rules” were naïve and costly, and crème "
                  "brûlée sales fell by a third last year.",) + MORE
    html = make_html(paragraphs=paragraphs).replace('<meta charset="utf-8">\n', "")
    link = web.put("pages/cafe.html", html.encode("cp1252"))
    feed = web.put("feeds/cafe.xml", rss("Gazette", [{"title": "Café", "link": link, "summary": "Café owners."}]))
    (article,) = load([feed], LOCAL)
    assert article.text.split("\n")[0] == paragraphs[0]


def test_unreachable_url_is_an_input_error_naming_the_url(closed_port_url) -> None:
    with pytest.raises(InputError) as caught:
        load([closed_port_url], IngestOptions(timeout=5, allow_private_urls=True))
    assert caught.value.source == closed_port_url
    assert caught.value.problem == FETCH_FAILED


def test_missing_page_url_is_the_same_error_as_any_failed_fetch(web) -> None:
    """An error status says nothing another failure would not (no oracle of what answers)."""
    url = web.url("nowhere/missing.html")
    with pytest.raises(InputError) as caught:
        load([url], LOCAL)
    assert caught.value.problem == FETCH_FAILED


# -- directories and globs ------------------------------------------------------------------------


def article_tree(root: Path, story: tuple[str, ...]) -> dict[str, Path]:
    """Three text articles in nested folders, plus a file of another kind."""
    files = {
        "top": write(root / "top.txt", "Top story\n" + story[0]),
        "nested": write(root / "world" / "nested.txt", "Nested story\n" + story[1]),
        "deep": write(root / "world" / "asia" / "deep.txt", "Deep story\n" + story[2]),
    }
    write(root / "world" / "notes.md", "# not an article\n")
    return files


def test_directory_is_read_recursively_skipping_other_file_kinds(tmp_path, store, story) -> None:
    files = article_tree(tmp_path / "in", story)
    articles = ingest_articles([tmp_path / "in"], store)
    assert sorted(a.source for a in articles) == sorted(str(p) for p in files.values())


def test_globs_are_expanded_including_recursive_ones(tmp_path, story) -> None:
    files = article_tree(tmp_path / "in", story)
    shallow = load([str(tmp_path / "in" / "*.txt")])
    assert [a.source for a in shallow] == [str(files["top"])]
    recursive = load([str(tmp_path / "in" / "**" / "*.txt")])
    assert sorted(a.source for a in recursive) == sorted(str(p) for p in files.values())


def test_a_glob_matching_nothing_and_an_empty_directory_are_failures(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    pattern = str(tmp_path / "*.nothing")
    no_match, empty = list(read([pattern, str(tmp_path / "empty")]))
    assert (no_match.source, no_match.problem) == (pattern, "pattern matched no files")
    assert empty.source == str(tmp_path / "empty")
    assert empty.problem.startswith("directory holds no article files (.txt, .html")


# -- ids and duplicates ---------------------------------------------------------------------------


def test_a_given_id_is_kept(tmp_path, story) -> None:
    path = write(tmp_path / "a.txt", "---\nid: reuters-2024-0042\n---\nBridge\n\n" + story[0])
    (article,) = load([str(path)])
    assert article.id == "reuters-2024-0042"


def test_without_an_id_the_id_is_a_stable_hash_of_the_content(tmp_path, story) -> None:
    one = write(tmp_path / "one.txt", "Bridge reopens\n" + "\n\n".join(story))
    rewrapped = write(tmp_path / "two.txt", "Bridge reopens\n\n" + "\n\n".join(story).replace(" ", "\n", 3))
    changed = write(tmp_path / "three.txt", "Bridge reopens\n" + "\n\n".join(story[:-1]))
    first, second, third = (load([str(p)])[0] for p in (one, rewrapped, changed))
    assert first.id == load([str(one)])[0].id  # the same on every run
    assert len(first.id) == 16 and int(first.id, 16) >= 0
    assert first.id == second.id  # line wrapping does not change the content
    assert first.id != third.id


def test_ingesting_the_same_articles_twice_stores_them_once(tmp_path, store, story) -> None:
    paths = [write(tmp_path / f"{i}.txt", f"Story {i}\n{p}") for i, p in enumerate(story)]
    first = ingest([str(p) for p in paths], store)
    assert (len(first.ingested), first.duplicates) == (len(story), [])
    before = store.get(first.ingested[0])
    second = ingest([str(p) for p in paths], store)
    assert (second.ingested, sorted(second.duplicates)) == ([], sorted(first.ingested))
    assert store.count() == len(story)
    assert store.get(first.ingested[0]) == before


def test_the_same_article_twice_in_one_run_is_stored_once(tmp_path, store, story) -> None:
    one = write(tmp_path / "a" / "copy.txt", "Bridge\n" + story[0])
    two = write(tmp_path / "b" / "copy.txt", "Bridge\n" + story[0])
    report = ingest([str(one), str(two)], store)
    assert len(report.ingested) == 1 and report.duplicates == report.ingested
    assert store.count() == 1


def test_records_with_the_same_given_id_are_stored_once(tmp_path, store, story) -> None:
    lines = [{"id": "same", "title": "A", "text": story[0]}, {"id": "same", "title": "A", "text": story[0]}]
    report = ingest([str(write(tmp_path / "dup.jsonl", "\n".join(map(json.dumps, lines))))], store)
    assert (report.ingested, report.duplicates) == (["same"], ["same"])


# -- segmentation -------------------------------------------------------------------------------


def test_paragraph_kinds_reach_the_stored_sentences(tmp_path, store, story) -> None:
    text = (
        "Bridge reopens\n\n"
        "• Repairs took eight months\n• The city paid 40 million dollars\n\n"
        f"{story[0]} {story[1]}\n\n"
        "A photo taken on Tuesday shows the first bus crossing the bridge after the ceremony\n\n"
        f"{story[2]}"
    )
    (article,) = ingest_articles([write(tmp_path / "kinds.txt", text)], store)
    assert_well_segmented(article)
    kinds = [(s.kind, article.text[s.start : s.end]) for s in article.sentences]
    assert kinds[:2] == [(BULLET, "Repairs took eight months"), (BULLET, "The city paid 40 million dollars")]
    assert (CAPTION, "A photo taken on Tuesday shows the first bus crossing the bridge after the ceremony") in kinds
    body = [t for k, t in kinds if k == BODY]
    assert body[:2] == [story[0], story[1]]
    assert article.body_sentences == tuple(s for s in article.sentences if s.kind == BODY)


def test_an_abbreviated_rank_ends_no_sentence() -> None:
    """"Capt.", "Lt.", "Det." are titles before a name (``data/abbreviations.txt``): the
    parser ended the sentence inside "Navy Capt. Tom Weir"; a sentence-final title still ends it."""
    raw = RawArticle(
        source="t", id="t", title="Ranks",
        text="We spoke to Navy Capt. Tom Weir and Det. Ann Lee on Monday. The ship had no capt. The crew left.",
    )
    (article,) = build_articles([raw])
    sentences = [article.text[s.start : s.end] for s in article.sentences]
    assert sentences == ["We spoke to Navy Capt. Tom Weir and Det. Ann Lee on Monday.", "The ship had no capt.", "The crew left."]


def test_a_lower_case_word_after_a_dotted_abbreviation_starts_no_sentence() -> None:
    """"a.m.", "p.m.", "U.S.", "e.g." before a lower-case word end no sentence (the parser
    cut "... at 10:50 a.m." / "local time, the aviation authority said."); a sentence after
    one still starts at its capital."""
    raw = RawArticle(
        source="t", id="t", title="Times",
        text=(
            "The plane took off at 10:30 a.m. local time and lost contact with the tower at 10:50 a.m. "
            "local time, the aviation authority said. Officials in the U.S. said they were told at 2 p.m. "
            "on Sunday. Rescuers reached the gorge before noon."
        ),
    )
    (article,) = build_articles([raw])
    sentences = [article.text[s.start : s.end] for s in article.sentences]
    assert sentences[0].endswith("local time, the aviation authority said.")
    assert sentences[1] == "Officials in the U.S. said they were told at 2 p.m. on Sunday."
    assert sentences[2] == "Rescuers reached the gorge before noon."
    assert len(sentences) == 3


def test_sentence_at_finds_the_sentence_holding_an_offset():
    (article,) = build_articles([RawArticle(source="s", title="T", text="Police came on Monday. Nobody was hurt.")])
    for sentence in article.sentences:
        assert article.sentence_at(sentence.start) == sentence
        assert article.sentence_at(sentence.end - 1) == sentence
    assert article.sentence_at(len(article.text)) is None
    assert article.sentence_at(-1) is None
