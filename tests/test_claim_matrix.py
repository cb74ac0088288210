"""The claim matrix of the HTML report, and reports of stories told by many outlets.

On the example's real comparison: every claim is a row and every outlet a column, each
cell holds exactly the outlet's own sentence(s) of the claim or says "not reported",
the row's badges are the kinds of the findings that sit in the claim, and the changed
words of quote changes and the disputed values of contradictions are marked inside the
cells. In Chromium: the kind filter hides exactly the rows and finding groups without a
pressed kind, and the tabs (and links into a hidden tab) show the right view. On an
eight-outlet ECB+ story: the text and Markdown reports show every outlet of a finding.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict

import pytest

from newsprism.compare import compare
from newsprism.ingest import build_articles, load
from newsprism.model import Article, Claim, CompareResult, Finding, FindingKind, RawArticle
from newsprism.report import render
from newsprism.report._html import html, sentence_id
from newsprism.report._markdown import escape

from .conftest import ECBPLUS, EXAMPLE
from .test_html import Node, Tree, browser, page, parse  # noqa: F401  (browser, page: fixtures)

FILES = sorted(str(p) for p in EXAMPLE.glob("*.txt"))
GOLD = ECBPLUS.parent / "gold_stories.json"


def eight_outlet_articles(count: int = 8) -> list[Article]:
    """``count`` reports of one ECB+ event by as many different outlets, picked deterministically.

    Of the gold stories whose articles name at least ``count`` distinct outlets, the one
    naming the most (ties: the smallest story id); from it, the first article (by id) of
    each outlet, the first ``count`` of those. Skips the test when ``../shared`` is absent.
    """
    if not ECBPLUS.is_file() or not GOLD.is_file():
        pytest.skip(f"ECB+ corpus not found at {ECBPLUS} (it lives in ../shared next to the repo)")
    records = {r["id"]: r for r in map(json.loads, ECBPLUS.read_text(encoding="utf-8").splitlines()) if r.get("id")}
    story_of: dict[str, str] = json.loads(GOLD.read_text(encoding="utf-8"))["story_of"]
    firsts: dict[str, dict[str, dict]] = defaultdict(dict)
    for article_id in sorted(story_of):
        record = records.get(article_id)
        if record and record.get("outlet"):
            firsts[story_of[article_id]].setdefault(record["outlet"], record)
    candidates = [s for s, by_outlet in firsts.items() if len(by_outlet) >= count]
    assert candidates, f"no ECB+ story names {count} outlets"
    story = min(candidates, key=lambda s: (-len(firsts[s]), s))
    picked = sorted(firsts[story].values(), key=lambda r: r["id"])[:count]
    return build_articles([
        RawArticle(source=r["id"], id=r["id"], outlet=r["outlet"], title=r["title"], text=r["text"]) for r in picked
    ])


def claims_of(finding: Finding) -> list[str]:
    """The ids of the claims a finding sits in, as the JSON contract says: ``claim``, and
    ``claims`` for a finding (a quote change) that spans several."""
    return list(dict.fromkeys(c for c in (finding.claim, *(finding.details.get("claims") or [])) if c))


def claim_kinds(result: CompareResult, claim: Claim) -> set[str]:
    """The kinds of the findings that sit in a claim."""
    return {str(f.kind) for f in result.findings if claim.id in claims_of(f)}


# -- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result() -> CompareResult:
    result = compare(load(FILES))
    assert result.claims, "compare returns claims"
    return result


@pytest.fixture(scope="module")
def tree(result: CompareResult) -> Tree:
    return parse(html(result))


@pytest.fixture(scope="module")
def eight() -> CompareResult:
    return compare(eight_outlet_articles())


def by_id(tree: Tree, ident: str) -> Node:
    [node] = [n for n in tree.root.walk() if n.attrs.get("id") == ident]
    return node


def rows(tree: Tree) -> list[Node]:
    return [n for n in by_id(tree, "claims").walk() if n.tag == "tr" and "claim" in n.classes()]


def cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag == "td"]


# -- the markup -------------------------------------------------------------------------------------


def test_a_column_per_outlet_and_a_row_per_claim(result, tree):
    table = by_id(tree, "claims")
    assert table.tag == "table" and tree.errors == []
    heads = [n for n in table.walk() if "outlet-head" in n.classes()]
    assert [h.text() for h in heads] == [a.name for a in result.articles]
    assert [h.attrs["data-article"] for h in heads] == [a.id for a in result.articles]
    assert [r.attrs["data-claim"] for r in rows(tree)] == [c.id for c in result.claims]
    assert all(len(cells(r)) == len(result.articles) for r in rows(tree))


def test_cells_are_the_outlets_own_sentences_or_not_reported(result, tree):
    missing_seen = 0
    for claim, row in zip(result.claims, rows(tree), strict=True):
        for article, cell in zip(result.articles, cells(row), strict=True):
            assert cell.attrs["data-article"] == article.id
            shown = [n for n in cell.walk() if "claim-sent" in n.classes()]
            expected = sorted(claim.sentences_of(article.id), key=lambda s: s.start)
            if not expected:
                assert "missing" in cell.classes() and cell.text() == "not reported" and not shown
                assert article.id in claim.missing_from
                missing_seen += 1
                continue
            assert "missing" not in cell.classes()
            assert [n.text() for n in shown] == [article.text[s.start : s.end] for s in expected]
            assert [n.attrs["data-target"] for n in shown] == [sentence_id(article.id, s.sentence) for s in expected]
    assert missing_seen == sum(len(c.missing_from) for c in result.claims) > 0


def test_row_badges_are_the_kinds_of_the_claims_findings(result, tree):
    ids = {n.attrs["id"] for n in tree.root.walk() if "id" in n.attrs}
    order = {k: k.order for k in FindingKind}
    with_badges = 0
    for claim, row in zip(result.claims, rows(tree), strict=True):
        kinds = sorted(claim_kinds(result, claim), key=lambda k: order.get(k, len(order)))
        assert row.attrs["data-kinds"].split() == kinds
        badges = [n for n in row.walk() if "badge" in n.classes()]
        assert [b.attrs["data-kind"] for b in badges] == kinds
        for badge in badges:
            number = int(badge.attrs["href"].removeprefix("#f"))
            finding = result.findings[number - 1]
            assert badge.attrs["href"][1:] in ids and finding.kind == badge.attrs["data-kind"]
            assert claim.id in claims_of(finding)
        with_badges += bool(badges)
    assert with_badges > 0


def test_changed_words_and_disputed_values_are_marked_in_the_cells(result, tree):
    """Every change span and contradiction value inside a claim's sentences is a mark in its cell."""
    expected: set[tuple[str, str, int, int, str]] = set()
    for number, finding in enumerate(result.findings, start=1):
        if finding.kind == "quote_change":
            reference = finding.details["reference"]
            spans = [(reference, c["a_span"]) for c in finding.details["changes"] if c["a_span"]]
            spans += [(c["article"], c["b_span"]) for c in finding.details["changes"] if c["b_span"]]
            role = "role-change"
        elif finding.kind == "contradiction":
            spans = [(e.article, (e.start, e.end)) for e in finding.evidence]
            role = "role-value"
        else:
            continue
        for claim in (c for c in result.claims if c.id in claims_of(finding)):
            for article_id, (start, end) in spans:
                if any(s.start <= start and end <= s.end for s in claim.sentences_of(article_id)):
                    expected.add((claim.id, article_id, start, end, f"{role} f{number}"))
    in_claims = {"role-change"} | ({"role-value"} if any(map(claims_of, result.by_kind("contradiction"))) else set())
    assert {e[4].split()[0] for e in expected} == in_claims
    texts = {a.id: a.text for a in result.articles}
    found = set()
    for row in rows(tree):
        for cell in cells(row):
            for mark in (m for m in cell.walk() if m.tag == "mark"):
                start, end = int(mark.attrs["data-start"]), int(mark.attrs["data-end"])
                assert mark.text() == texts[cell.attrs["data-article"]][start:end]
                role = next(c for c in mark.classes() if c.startswith("role-"))
                found.add((row.attrs["data-claim"], cell.attrs["data-article"], start, end,
                           f"{role} {mark.attrs['data-finding']}"))
    assert expected <= found


def test_one_filter_control_per_kind_and_claims_the_default_view(result, tree):
    buttons = [n for n in by_id(tree, "kind-filter").walk() if "kind-toggle" in n.classes()]
    assert [b.attrs["data-kind"] for b in buttons] == list(dict.fromkeys(str(f.kind) for f in result.findings))
    assert all(b.attrs["aria-pressed"] == "false" and b.tag == "button" for b in buttons)
    assert "hidden" not in by_id(tree, "view-claims").attrs and "hidden" in by_id(tree, "view-articles").attrs
    assert by_id(tree, "tab-claims").attrs["aria-selected"] == "true"
    groups = [n for n in by_id(tree, "findings").walk() if "kind-group" in n.classes()]
    assert [g.attrs["data-kind"] for g in groups] == [b.attrs["data-kind"] for b in buttons]
    bare = parse(html(dataclasses.replace(result, claims=())))  # no claims: the articles are the view
    assert "hidden" in by_id(bare, "view-claims").attrs and "hidden" not in by_id(bare, "view-articles").attrs
    assert not [n for n in bare.root.walk() if n.attrs.get("id") == "claims"]


def test_findings_link_to_their_claims(result, tree):
    rows_by_claim = {r.attrs["data-claim"]: r.attrs["id"] for r in rows(tree)}
    for number, finding in enumerate(result.findings, start=1):
        item = by_id(tree, f"f{number}")
        links = [n.attrs["href"][1:] for n in item.walk() if "to-claim" in n.classes()]
        assert links == [rows_by_claim[c] for c in claims_of(finding)]


# -- in the browser ---------------------------------------------------------------------------------


def test_kind_filter_shows_only_rows_and_groups_of_pressed_kinds(page, result):
    page.set_content(html(result))
    kinds = [claim_kinds(result, c) for c in result.claims]
    kind = next(str(k) for k in FindingKind if 0 < sum(str(k) in ks for ks in kinds) < len(kinds))
    page.click(f"#kind-filter .kind-toggle[data-kind={kind}]")
    assert page.get_attribute(f"#kind-filter .kind-toggle[data-kind={kind}]", "aria-pressed") == "true"
    visible = page.eval_on_selector_all("#claims tr.claim", "rs => rs.map(r => !r.hidden && r.offsetHeight > 0)")
    assert visible == [kind in ks for ks in kinds]
    groups = page.eval_on_selector_all("#findings .kind-group", "gs => gs.map(g => [g.dataset.kind, !g.hidden])")
    assert groups == [[g, g == kind] for g, _ in groups]
    assert page.inner_text("#filter-status") == f"{sum(kind in ks for ks in kinds)} of {len(kinds)} claims shown"
    page.click("#kind-filter-clear")
    assert page.locator("#claims tr.claim[hidden], #findings .kind-group[hidden]").count() == 0
    assert page.is_hidden("#kind-filter-clear")
    assert page.errors == []


def test_tabs_toggle_views_and_links_reveal_their_view(page, result):
    page.set_content(html(result))
    assert page.is_visible("#claims") and page.is_hidden("#articles")
    page.click("#tab-articles")
    assert page.is_visible("#articles") and page.is_hidden("#claims")
    assert page.get_attribute("#tab-articles", "aria-selected") == "true"
    page.click("#tab-claims")
    assert page.is_visible("#claims") and page.is_hidden("#articles")
    jump = page.locator("#findings a.jump").first
    target = jump.get_attribute("href")
    jump.click()
    assert page.is_visible("#articles") and page.is_visible(target)
    page.locator("#findings a.to-claim").first.click()
    assert page.is_visible("#claims") and page.is_hidden("#articles")
    assert page.errors == []


# -- many outlets in the text and Markdown reports ------------------------------------------------


def _widest(eight: CompareResult, kind: str):
    """The finding of a kind that names the most outlets (carried_by + missing_from)."""
    findings = eight.by_kind(kind)
    if not findings:
        pytest.skip(f"no {kind} finding in the eight-outlet story")
    return max(findings, key=lambda f: len(f.details.get("carried_by", [])))


def test_eight_outlets_text_report_shows_every_carrying_outlet(eight):
    assert len(eight.articles) == 8 and len({a.name for a in eight.articles}) == 8
    omission = _widest(eight, "omission")
    names = {a: eight.article(a).name for a in (*omission.details["carried_by"], *omission.details["missing_from"])}
    alone = dataclasses.replace(eight, findings=(omission,), summary=(), framing={})
    report = " ".join(render(alone, "text", width=160).split())
    carried = ", ".join(names[a] for a in omission.details["carried_by"])
    missing = ", ".join(names[a] for a in omission.details["missing_from"])
    assert f"carried by {carried}; missing from {missing}" in report
    for article_id in omission.details["carried_by"]:  # one passage per outlet, in the order carried
        first = min(e.start for e in omission.evidence if e.article == article_id)
        sentence = next(s for s in eight.article(article_id).sentences if s.start <= first < s.end)
        words = " ".join(eight.article(article_id).sentence_text(sentence.index).split()[:6])
        assert report.count(f"{names[article_id]} {words}") == 1


def test_eight_outlets_markdown_quotes_every_carrying_outlet(eight):
    omission = _widest(eight, "omission")
    section = render(dataclasses.replace(eight, findings=(omission,), summary=(), framing={}), "markdown")
    assert escape(omission.summary) in section
    quoted = [line.strip() for line in section.splitlines() if line.strip().startswith("> **")]
    for ev in omission.evidence:  # every carrying sentence, under its own outlet's name
        name = escape(eight.article(ev.article).name)
        assert any(line.startswith(f"> **{name}** (") and escape(ev.text) in line for line in quoted)
    for article_id in omission.details["missing_from"]:
        assert not [line for line in quoted if line.startswith(f"> **{escape(eight.article(article_id).name)}** (")]


def test_no_claims_no_matrix_rows_but_a_valid_page(result):
    page = html(dataclasses.replace(result, claims=(), findings=()))
    tree = parse(page)
    assert tree.errors == [] and "No claims" in page and "No findings" in page
