"""The HTML report: one self-contained, well-formed, exact and inert page.

Checked two ways: the markup itself (parsed with ``html.parser``: balanced tags,
sentence and mark texts equal to the article slices, no external references, a CSP
whose hash is the inline script's) and the page in a real Chromium (clicking links
aligned sentences, hostile article text stays text, injected scripts do not run).
One compare of the example and one browser serve the whole module.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsprism.compare import compare
from newsprism.ingest import build_articles, load
from newsprism.model import (
    AlignmentLink,
    Claim,
    ClaimSentence,
    CompareResult,
    Evidence,
    Finding,
    RawArticle,
    SentenceRef,
    SummarySentence,
)
from newsprism.report import FORMATS, render
from newsprism.report._common import framing_tables, heading
from newsprism.report._html import dom_key, html, safe_url, sentence_id

from .conftest import EXAMPLE, REPO

FILES = sorted(str(p) for p in EXAMPLE.glob("*.txt"))
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]

HOSTILE = '<script>alert(1)</script> <img src=x onerror="window.__pwned=1"> "><svg onload=window.__pwned=1>'
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a tiny DOM from html.parser ---------------------------------------------------------------


@dataclasses.dataclass
class Node:
    """An element: tag, attributes, children (nodes or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Tree(HTMLParser):
    """Builds ``Node``s and records every unbalanced or misnested tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]
        self.errors: list[str] = []
        self.raw_scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) < 2 or self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag == "script":
            self.raw_scripts.append(data)
        self.stack[-1].children.append(data)


def parse(document: str) -> Tree:
    tree = Tree()
    tree.feed(document)
    tree.close()
    return tree


def nodes(tree: Tree, tag: str | None = None, cls: str | None = None) -> list[Node]:
    return [n for n in tree.root.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> CompareResult:
    return compare(load(FILES))


@pytest.fixture(scope="module")
def report(result: CompareResult) -> str:
    return html(result)


@pytest.fixture(scope="module")
def tree(report: str) -> Tree:
    return parse(report)


@pytest.fixture(scope="module")
def hostile() -> CompareResult:
    """Two small articles full of markup, with hand-made findings and summary quoting it."""
    a, b = build_articles([
        RawArticle(
            source="a", id='x" onmouseover="window.__pwned=1', outlet='"><svg onload=window.__pwned=1>',
            title=f"Bridge {HOSTILE}", byline="<b>Reporter</b>", url="javascript:window.__pwned=1",
            text=f"Police said 3 people were hurt on Monday. The mayor wrote {HOSTILE} on the wall.",
        ),
        RawArticle(
            source="b", id="b", outlet="Plain <i>Post</i>", title="Bridge closed",
            url='https://example.org/story?a=1&b="<x>"',
            text="Police said 5 people were hurt on Monday. The mayor wrote a note on the wall.",
        ),
    ])
    three, five = a.text.index("3"), b.text.index("5")
    script = a.text.index("<script>")
    note = b.text.index("a note")
    claims = tuple(
        Claim(f"c-{i}", tuple(ClaimSentence(x.id, i, x.sentences[i].start, x.sentences[i].end, x.sentence_text(i))
                              for x in (a, b)), ())
        for i in (0, 1)
    )
    change = {"a": HOSTILE, "b": "a note", "a_span": [script, script + 25], "b_span": [note, note + 6]}
    findings = (
        Finding("contradiction", f"They disagree: {HOSTILE}", 0.9,
                (Evidence.of(a, three, three + 1), Evidence.of(b, five, five + 1)),
                {"values": {a.id: HOSTILE, b.id: "5"}, "fact": "number",
                 "groups": [{"value": HOSTILE, "text": HOSTILE, "articles": [a.id]},
                            {"value": "5", "text": "5", "articles": [b.id]}]}, claim="c-0"),
        Finding("quote_change", f"The mayor's words differ {HOSTILE}", 0.5,
                (Evidence.of(a, script, script + len(HOSTILE)), Evidence.of(b, note, b.text.index(" on the wall"))),
                {"speaker": HOSTILE, "change": "altered", "reference": a.id, "not_quoting": [], "claims": ["c-1"],
                 "versions": [
                     {"article": a.id, "start": script, "end": script + len(HOSTILE), "change": "reference",
                      "changes": [], "left_out": []},
                     {"article": b.id, "start": note, "end": note + 6, "change": "altered",
                      "changes": [change], "left_out": [{"text": HOSTILE}]}],
                 "articles": [a.id, b.id], "changes": [{**change, "article": b.id}]}),
    )
    link = AlignmentLink(SentenceRef(a.id, 0, a.sentences[0].start, a.sentences[0].end),
                         SentenceRef(b.id, 0, b.sentences[0].start, b.sentences[0].end), 0.9)
    summary = (SummarySentence(f"Summary {HOSTILE}", (a.id, b.id), "disputed", findings[0].evidence),)
    framing = {"labels": [{"actor": HOSTILE, "labels": {a.id: [{"word": "<b>thugs</b>", "in_quote": False}]}}]}
    return CompareResult("test", (a, b), findings, (link,), framing, summary, claims)


@pytest.fixture(scope="module")
def hostile_report(hostile: CompareResult) -> str:
    return html(hostile)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    """A fresh page that records dialogs, console errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, java_script_enabled=True)
    pg = context.new_page()
    pg.dialogs, pg.errors, pg.requests = [], [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


def script_of(document: str) -> str:
    match = re.search(r"<script>(.*?)</script>", document, re.S)
    assert match
    return match.group(1)


# -- the markup -----------------------------------------------------------------------------------


def test_html_is_a_render_format(result, report):
    assert "html" in FORMATS
    assert render(result, "html") == report


def test_one_self_contained_document(tree, report):
    assert report.count("<html") == 1 and report.count("</html>") == 1
    assert report.lower().startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in report
    assert not re.search(r"<link\b", report, re.I)
    assert not nodes(tree, "link") and not nodes(tree, "img") and not nodes(tree, "iframe")
    assert not [n for n in tree.root.walk() if "src" in n.attrs]
    hrefs = [n.attrs["href"] for n in nodes(tree) if "href" in n.attrs]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # the example has no article URLs
    assert "@import" not in report and "url(" not in report


def test_csp_allows_exactly_the_inline_script(tree, report):
    scripts = nodes(tree, "script")
    assert len(scripts) == 1 and scripts[0].attrs == {}
    [meta] = [n for n in nodes(tree, "meta") if n.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = meta.attrs["content"]
    digest = base64.b64encode(hashlib.sha256(script_of(report).encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "innerHTML" not in script_of(report) and "eval(" not in script_of(report)


def test_markup_is_well_formed_with_unique_ids(tree):
    assert tree.errors == []
    assert tree.stack == [tree.root]
    ids = [n.attrs["id"] for n in tree.root.walk() if "id" in n.attrs]
    assert len(ids) == len(set(ids))


def test_every_sentence_element_is_exactly_the_sentence(result, tree):
    elements = {n.attrs["id"]: n for n in nodes(tree, "span", "sent")}
    assert len(elements) == sum(len(a.sentences) for a in result.articles)
    for article in result.articles:
        for s in article.sentences:
            el = elements[sentence_id(article.id, s.index)]
            assert el.text() == article.sentence_text(s.index)
            assert el.attrs["data-article"] == article.id and el.attrs["data-sentence"] == str(s.index)
            assert ("nonbody" in el.classes()) == (not s.is_body)
            assert el.attrs["data-kind"] == s.kind
    muted = [n for n in nodes(tree, "span", "line-kind")]
    assert {n.text() for n in muted} >= {"bullet", "caption"}


def test_aligned_sentences_list_their_counterparts(result, tree):
    elements = {n.attrs["id"]: n for n in nodes(tree, "span", "sent")}
    for link in result.alignment:
        a, b = sentence_id(link.a.article, link.a.sentence), sentence_id(link.b.article, link.b.sentence)
        assert b in elements[a].attrs["data-links"].split() and a in elements[b].attrs["data-links"].split()
        assert "has-links" in elements[a].classes()


def test_marks_are_exact_spans_of_the_evidence(result, tree):
    texts = {a.id: a.text for a in result.articles}
    [articles] = [n for n in nodes(tree, "section") if n.attrs.get("id") == "articles"]
    marks = [m for m in articles.walk() if m.tag == "mark" and "data-finding" in m.attrs]
    assert marks
    for m in marks:
        sentence = next(p for p in _ancestors(tree, m) if "sent" in p.classes())
        start, end = int(m.attrs["data-start"]), int(m.attrs["data-end"])
        assert m.text() == texts[sentence.attrs["data-article"]][start:end]
    pieces: dict[str, str] = {}
    for m in marks:
        if "data-ev" in m.attrs and not _inside_same(tree, m):
            pieces[m.attrs["data-ev"]] = pieces.get(m.attrs["data-ev"], "") + m.text()
    for n, finding in enumerate(result.findings, start=1):
        for i, ev in enumerate(finding.evidence):
            article = result.article(ev.article)
            inside = "".join(
                article.text[max(s.start, ev.start) : min(s.end, ev.end)]
                for s in article.sentences if s.start < ev.end and s.end > ev.start
            )
            assert pieces.get(f"f{n}-{i}") == inside
            if any(s.start <= ev.start and ev.end <= s.end for s in article.sentences):
                assert inside == ev.text


def _ancestors(tree: Tree, target: Node) -> list[Node]:
    """The chain of elements from the root down to ``target`` (exclusive)."""
    def find(node: Node, path: list[Node]) -> list[Node] | None:
        for c in node.children:
            if c is target:
                return path + [node]
            if isinstance(c, Node) and (found := find(c, path + [node])):
                return found
        return None
    return list(reversed(find(tree.root, []) or []))


def _inside_same(tree: Tree, mark: Node) -> bool:
    """Whether a mark piece sits inside another piece of the same evidence (never expected)."""
    return any(p.tag == "mark" and p.attrs.get("data-ev") == mark.attrs["data-ev"] for p in _ancestors(tree, mark))


def test_contradiction_values_and_changed_quote_words_are_marked(result, tree):
    n = next(i for i, f in enumerate(result.findings, start=1) if f.kind == "contradiction")
    values = {m.text() for m in nodes(tree, "mark", "role-value") if m.attrs["data-finding"] == f"f{n}"}
    assert values == {"Sunday", "Saturday"}
    changed = [m for m in nodes(tree, "mark", "role-change") if "data-change" in m.attrs]  # the article view's
    words = {m.text() for m in changed}
    assert {"escalatory", "escalating"} <= words
    assert all("kind-quote_change" in m.classes() for m in changed)
    sides = {m.attrs["data-change"][-1] for m in changed if m.text() in ("escalatory", "escalating")}
    assert sides == {"a", "b"}


def test_findings_list_grouped_with_links_both_ways(result, tree):
    ids = {n.attrs["id"] for n in tree.root.walk() if "id" in n.attrs}
    findings = nodes(tree, "li", "finding")
    assert [f.attrs["id"] for f in findings] != [] and len(findings) == len(result.findings)
    for n, finding in enumerate(result.findings, start=1):
        el = next(f for f in findings if f.attrs["id"] == f"f{n}")
        assert f"kind-{finding.kind}" in el.classes()
        assert finding.summary in el.text() and f"{finding.score:.2f}" in el.text()
        jumps = [j for j in el.walk() if "jump" in j.classes()]
        assert len(jumps) == len(finding.evidence)
        assert all(j.attrs["href"][1:] in ids for j in jumps)
    groups = nodes(tree, "section", "kind-group")
    assert [g.children[0].text() for g in groups] == [
        f"{heading(k)} ({len(result.by_kind(k))})" for k in dict.fromkeys(f.kind for f in result.findings)
    ]
    refs = nodes(tree, "a", "ref")
    assert refs and all(r.attrs["href"][1:] in ids and r.text() == "" for r in refs)
    assert {r.attrs["href"] for r in refs} == {f"#f{n}" for n in range(1, len(result.findings) + 1)}


def test_framing_tables_and_print_css(result, tree, report):
    captions = [c.text() for c in nodes(tree, "caption")]
    assert captions == [title for title, _, _ in framing_tables(result)]
    assert "@media print" in report


def test_summary_sentences_with_status_and_sources(result):
    contradiction = result.by_kind("contradiction")[0]
    summary = (
        SummarySentence("The strikes hit three facilities.", tuple(a.id for a in result.articles), "agreed"),
        SummarySentence("The day of the missile attack is disputed.", tuple(a.id for a in result.articles),
                        "disputed", contradiction.evidence),
    )
    tree = parse(html(dataclasses.replace(result, summary=summary)))
    items = nodes(tree, "li", "summary-sentence")
    assert [i.attrs["id"] for i in items] == ["sum-1", "sum-2"]
    assert "status-disputed" in items[1].classes() and "disputed" in items[1].text()
    assert all(a.outlet in items[1].text() for a in result.articles)
    targets = items[1].attrs["data-targets"].split()
    assert targets == [t for ev in contradiction.evidence for t in _sentences_of(result, ev)]
    assert {m.text() for m in nodes(tree, "mark", "sum-ev")} == {"Sunday", "Saturday"}
    bare = html(dataclasses.replace(result, summary=()))
    assert 'id="summary"' not in bare and 'class="summary-sentence' not in bare


def test_the_compare_summary_is_rendered(result, tree):
    items = nodes(tree, "li", "summary-sentence")
    assert len(items) == len(result.summary)
    for item, sentence in zip(items, result.summary, strict=True):
        assert sentence.text in item.text() and f"status-{sentence.status}" in item.classes()
    texts = {a.id: a.text for a in result.articles}
    for m in nodes(tree, "mark", "sum-ev"):
        sentence = next(p for p in _ancestors(tree, m) if "sent" in p.classes())
        assert m.text() == texts[sentence.attrs["data-article"]][int(m.attrs["data-start"]) : int(m.attrs["data-end"])]


def _sentences_of(result: CompareResult, ev: Evidence) -> list[str]:
    article = result.article(ev.article)
    return [sentence_id(article.id, s.index) for s in article.sentences if s.start < ev.end and s.end > ev.start]


def test_hostile_text_is_escaped_everywhere(hostile, hostile_report):
    low = hostile_report.lower()
    assert "<script>alert" not in low and "<img" not in low and "<svg" not in low
    assert "<b>" not in low and "<i>" not in low and "javascript:" not in low.split("<body")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_report
    assert 'href="javascript' not in low
    tree = parse(hostile_report)
    assert tree.errors == [] and len(nodes(tree, "script")) == 1
    hrefs = [n.attrs["href"] for n in nodes(tree, "a") if "href" in n.attrs and not n.attrs["href"].startswith("#")]
    assert hrefs == ['https://example.org/story?a=1&b="<x>"']
    [link] = [n for n in nodes(tree, "a", "source")]
    assert link.attrs["rel"] == "noopener noreferrer"
    a = hostile.articles[0]
    assert dom_key(a.id).startswith("h") and sentence_id(a.id, 0) in {n.attrs.get("id") for n in tree.root.walk()}
    for article in hostile.articles:
        for s in article.sentences:
            [el] = [n for n in nodes(tree, "span", "sent") if n.attrs["id"] == sentence_id(article.id, s.index)]
            assert el.text() == article.sentence_text(s.index)
    texts = {sentence_id(x.id, s.index): x.sentence_text(s.index) for x in hostile.articles for s in x.sentences}
    shown = nodes(tree, "span", "claim-sent")
    assert len(shown) == 4 and all(n.text() == texts[n.attrs["data-target"]] for n in shown)
    assert {m.text() for m in nodes(tree, "mark", "role-change")} == {HOSTILE[:25], "a note"}
    assert safe_url("javascript:alert(1)") is None and safe_url("https://x.org/a b") is None
    assert safe_url("http://x.org/") == "http://x.org/"


# -- in the browser -------------------------------------------------------------------------------


def test_hostile_report_is_inert_in_the_browser(page, hostile, hostile_report):
    without_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", hostile_report)
    assert without_csp != hostile_report
    for document in (hostile_report, without_csp):  # escaping alone must hold, CSP is the second wall
        page.set_content(document)
        page.wait_for_timeout(100)
        matrix = page.locator("#claims")
        assert matrix.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
        assert page.inner_text("#claims th.outlet-head >> nth=0") == hostile.articles[0].outlet
        page.click("#tab-articles")
        page.hover(f"#{sentence_id(hostile.articles[0].id, 1)}")
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.dialogs == []
        assert page.locator("img, svg, iframe").count() == 0
        body = page.inner_text("body")
        assert "<script>alert(1)</script>" in body and 'onerror="window.__pwned=1"' in body
        assert page.inner_text(".outlet >> nth=0") == hostile.articles[0].outlet
        assert page.locator("#articles").get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert [u for u in page.requests if not u.startswith(("about:", "data:"))] == []


def test_csp_blocks_injected_script_but_runs_the_report_script(page, hostile, hostile_report):
    injected = hostile_report.replace("</body>", "<script>window.__pwned=1</script></body>")
    page.set_content(injected)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    first = f"#{sentence_id(hostile.articles[0].id, 0)}"
    page.click("#tab-articles")
    page.click(first)
    assert "is-active" in page.get_attribute(first, "class")
    assert "is-linked" in page.get_attribute(f"#{sentence_id('b', 0)}", "class")


def test_click_links_counterparts_and_clears(page, result, report):
    page.set_content(report)
    page.click("#tab-articles")
    link = result.alignment[0]
    one = f"#{sentence_id(link.a.article, link.a.sentence)}"
    others = page.get_attribute(one, "data-links").split()
    assert sentence_id(link.b.article, link.b.sentence) in others
    page.click(one)
    assert "is-active" in page.get_attribute(one, "class").split()
    for other in others:
        assert "is-linked" in page.get_attribute(f"#{other}", "class").split()
    page.hover(one)  # the click may have scrolled a counterpart into view, away from the pointer
    assert "is-hover" in page.get_attribute(one, "class").split()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
    page.click(one)
    assert page.locator(".is-active, .is-linked").count() == 0
    page.click(one)
    page.keyboard.press("Escape")
    assert page.locator(".is-active, .is-linked").count() == 0
    assert page.errors == []


def test_click_summary_sentence_highlights_its_evidence(page, result):
    contradiction = result.by_kind("contradiction")[0]
    summary = (SummarySentence("The day is disputed.", tuple(a.id for a in result.articles), "disputed",
                               contradiction.evidence),)
    page.set_content(html(dataclasses.replace(result, summary=summary)))
    page.click("#sum-1")
    assert "is-active" in page.get_attribute("#sum-1", "class").split()
    marked = page.eval_on_selector_all("mark.sum-ev.is-evidence", "ms => ms.map(m => m.textContent)")
    assert sorted(marked) == ["Saturday", "Sunday"]
    for target in page.get_attribute("#sum-1", "data-targets").split():
        assert "is-evidence" in page.get_attribute(f"#{target}", "class").split()
    page.click("#sum-1")
    assert page.locator(".is-evidence").count() == 0
    assert page.errors == []


def test_print_layout_stacks_columns(page, report):
    page.set_content(report)
    page.emulate_media(media="print")
    assert page.eval_on_selector(".columns", "e => getComputedStyle(e).display") == "block"
    assert page.eval_on_selector(".col .body", "e => getComputedStyle(e).overflowY") == "visible"
    page.emulate_media(media="screen")
    assert page.eval_on_selector(".columns", "e => getComputedStyle(e).display") == "grid"
