"""The newsroom view: stories in the web app and the API (``/stories``, ``/api/stories``).

The store is filled through the web ingest, as a user of the web app would: two ECB+
dev stories (three and four reports of one event each, given to different outlets and
days) and a third outlet's report that covers only one of them. Web ingests group the
store into stories as they store; a story's comparison is computed the first time it is
opened, kept in the store, and computed again only when its articles change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.options import ServeOptions
from newsprism.report.newsroom import counts as counts_of
from newsprism.store import Store
from newsprism.web import create_app
from tests.conftest import SHARED

ECBPLUS = SHARED / "eval" / "ecbplus"
BASE = "http://127.0.0.1"
OUTLETS = ("Harbour Times", "Daily <Ledger>", "Evening Post", "Wire & Co")

pytestmark = pytest.mark.skipif(not (ECBPLUS / "articles.jsonl").is_file(), reason="the ECB+ dev data is not beside the repo")


def _ecb_records() -> tuple[list[dict], list[dict]]:
    """Two ECB+ events (the first two topics, in id order, with 4+ reports), as corpus
    records with outlets and days; and one more report of the first event, held back."""
    gold = json.loads((ECBPLUS / "gold_stories.json").read_text(encoding="utf-8"))["story_of"]
    sizes = Counter(gold.values())
    events = sorted(s for s, n in sizes.items() if n >= 5)[:2]
    texts = {r["id"]: r for r in map(json.loads, (ECBPLUS / "articles.jsonl").read_text(encoding="utf-8").splitlines())}
    records, held = [], []
    for e, event in enumerate(events):
        members = sorted(i for i, s in gold.items() if s == event)[: 3 + e + 1]
        for k, ident in enumerate(members):
            record = {
                "id": ident, "title": texts[ident]["title"], "text": texts[ident]["text"],
                "outlet": OUTLETS[k % 3], "published": (dt.date(2031, 5, 1 + 10 * e) + dt.timedelta(days=k)).isoformat(),
            }  # fmt: skip
            (held if e == 0 and k == len(members) - 1 else records).append(record)
    held[0]["outlet"] = OUTLETS[3]
    return records, held


def _upload(client: TestClient, records: list[dict], name: str) -> dict:
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    response = client.post("/api/ingest", files=[("files", (name, body, "application/x-ndjson"))])
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("newsroom") / "newsroom.duckdb"


@pytest.fixture(scope="module")
def client(store_path: Path) -> TestClient:
    client = TestClient(create_app(ServeOptions(db=store_path)), base_url=BASE)
    records, _ = _ecb_records()
    assert len(_upload(client, records, "ecb.jsonl")["ingested"]) == len(records)
    return client


def test_web_ingest_groups_the_store_into_stories_listed_newest_first_with_coverage(client: TestClient) -> None:
    page = client.get("/api/stories").json()
    assert page["outlets"] == list(OUTLETS[:3])  # the store's outlets, in the order first ingested
    assert page["total"] == len(page["stories"]) >= 2
    lasts = [s["last_seen"] for s in page["stories"]]
    assert lasts == sorted(lasts, reverse=True)
    for story in page["stories"]:
        assert story["coverage"] == [o in story["outlets"] for o in page["outlets"]]
        assert story["counts"] is None  # not opened yet
    big = max(page["stories"], key=lambda s: s["articles"])
    assert big["articles"] >= 3 and all(big["coverage"])


def test_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/stories").json()["stories"]
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second["stories"]] == [everything[1]["id"]] and second["total"] == len(everything)
    word = everything[0]["title"].split()[0]
    assert all(word.casefold() in s["title"].casefold() for s in client.get("/api/stories", params={"q": word}).json()["stories"])
    later = client.get("/api/stories", params={"since": "2031-05-11"}).json()["stories"]
    assert later and all(s["last_seen"] >= "2031-05-11" for s in later)
    assert all(s["first_seen"] <= "2031-05-05" for s in client.get("/api/stories", params={"until": "2031-05-05"}).json()["stories"])
    assert client.get("/api/stories", params={"outlet": "nobody"}).json()["stories"] == []
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_a_story_has_its_timeline_missing_outlets_and_a_comparison_cached_until_it_changes(
    client: TestClient, store_path: Path
) -> None:
    stories = client.get("/api/stories").json()["stories"]
    small = min((s for s in stories if s["articles"] >= 2), key=lambda s: s["articles"])
    view = client.get(f"/api/stories/{small['id']}").json()
    days = [t["published"] for t in view["timeline"]]
    assert days == sorted(days) and view["timeline"][0]["first"] and not any(t["first"] for t in view["timeline"][1:])
    first = dt.date.fromisoformat(days[0][:10])
    assert [t["lag_days"] for t in view["timeline"]] == [(dt.date.fromisoformat(d[:10]) - first).days for d in days]
    assert view["missing_outlets"] == [o for o in client.get("/api/stories").json()["outlets"] if o not in view["outlets"]]
    comparison = view["comparison"]
    assert {a["id"] for a in comparison["articles"]} == set(view["articles"]) and comparison["claims"]
    assert view["counts"] == dataclasses.asdict(counts_of(comparison))
    listed = {s["id"]: s for s in client.get("/api/stories").json()["stories"]}
    assert listed[small["id"]]["counts"] == view["counts"]  # the list reads the cached comparison
    again = client.get(f"/api/stories/{small['id']}").json()
    assert again["comparison"] == comparison

    # A new outlet's report of the first event joins a story: that story's comparison is made anew.
    _, held = _ecb_records()
    _upload(client, held, "late.jsonl")
    joined = next(s for s in client.get("/api/stories").json()["stories"] if held[0]["id"] in s_articles(client, s["id"]))
    assert joined["counts"] is None  # its cached comparison is for the old members
    fresh = client.get(f"/api/stories/{joined['id']}").json()
    assert held[0]["id"] in {a["id"] for a in fresh["comparison"]["articles"]}
    assert OUTLETS[3] in fresh["outlets"] and OUTLETS[3] not in fresh["missing_outlets"]
    with Store.open(store_path, read_only=True) as store:
        assert store.story_comparisons({s["id"]: "?" for s in stories}) == {}  # keyed on members: a wrong key finds nothing


def s_articles(client: TestClient, story_id: str) -> list[str]:
    return client.get(f"/api/stories/{story_id}").json()["articles"]


def test_the_pages_show_bars_timeline_and_claims_with_every_value_escaped(client: TestClient) -> None:
    listing = client.get("/stories")
    assert listing.status_code == 200
    assert listing.text.count('class="coverage"') == client.get("/api/stories").json()["total"]
    assert "Daily &lt;Ledger&gt;" in listing.text and "Daily <Ledger>" not in listing.text
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert 'id="timeline"' in page.text and 'id="claims"' in page.text and 'id="missing"' in page.text
    assert "<script" not in page.text
    report = client.get(f"/stories/{story_id}/report")
    assert report.status_code == 200 and "script-src 'sha256-" in report.headers["content-security-policy"]
    assert client.get("/stories/no-such-story").status_code == 404
    assert client.get("/stories", params={"offset": "many"}).status_code == 400


def test_the_story_routes_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "get" in paths["/api/stories"] and "get" in paths["/api/stories/{story_id}"]


def test_outlet_profiles_count_what_the_claims_show() -> None:
    """On a hand-made three-outlet comparison: a fact only A carries, a fact B and C carry
    that A leaves out, a dispute naming A and B, anonymous sources and own-voice labels."""
    from newsprism.report.newsroom import outlet_profiles, wilson

    def carried(*articles: str) -> list[dict]:
        return [{"article": a, "sentence": 0, "start": 0, "end": 1, "text": "x"} for a in articles]

    contract = {
        "articles": [{"id": "a", "outlet": "A"}, {"id": "b", "outlet": "B"}, {"id": "c", "outlet": "C"}],
        "claims": [
            {"id": "c1", "carried_by": carried("a")},
            {"id": "c2", "carried_by": carried("b", "c")},
            {"id": "c3", "carried_by": carried("a", "b", "c")},
        ],
        "findings": [
            {"kind": "contradiction", "claim": "c3", "evidence": carried("a", "b")},
            {"kind": "possible_contradiction", "claim": "c3", "evidence": carried("a", "c")},
        ],
        "framing": {
            "sourcing": {"a": {"acts": {"named_person": 3, "anonymous": 1}}, "b": {"acts": {"anonymous": 0}}},
            "loaded_language": {"a": {"words": 500, "loaded": 2}},
            "labels": [{"actor": "Kim Jong Un", "labels": {"a": [{"label": "dictator", "in_quote": False},
                                                                  {"label": "tyrant", "in_quote": True}]}}],
        },
    }  # fmt: skip
    profiles = {p.outlet: p for p in outlet_profiles({"s1": contract, "s2": {"articles": [{"id": "z", "outlet": "A"}]}})}
    a, b = profiles["A"], profiles["B"]
    assert a.stories == 1  # a one-outlet story does not count
    assert (a.alone.count, a.alone.of) == (1, 2) and a.alone.evidence[0].claim == "c1"
    assert (a.left_out.count, a.left_out.of) == (1, 2) and a.left_out.evidence[0].claim == "c2"
    assert (b.left_out.count, b.left_out.of) == (0, 1)  # only c3 is carried by both of the others, and B has it
    assert a.disputes.count == 1 and b.disputes.count == 1 and profiles["C"].disputes.count == 0  # "possible" is no dispute
    assert (a.anonymous.count, a.anonymous.of) == (1, 4) and a.anonymous.interval == wilson(1, 4)
    assert a.loaded_per_1000 == 4.0 and a.labels == (("Kim Jong Un", "dictator", 1),)
    low, high = wilson(1, 4)
    assert 0.04 < low < 0.05 and 0.69 < high < 0.70


def test_outlet_profiles_in_the_api_the_page_and_the_cli_agree_and_link_to_their_evidence(
    client: TestClient, store_path: Path, invoke
) -> None:
    profiles = client.get("/api/outlets").json()
    assert [p["outlet"] for p in profiles] == sorted(p["outlet"] for p in profiles) and len(profiles) >= 3
    for profile in profiles:
        for name in ("alone", "left_out", "disputes", "quote_changes", "anonymous"):
            figure = profile[name]
            assert figure["count"] == len(figure["evidence"])
            if figure["of"]:
                low, high = figure["interval"]
                assert low <= figure["rate"] <= high
    evidence = next(e for p in profiles for e in p["alone"]["evidence"])
    path, _, anchor = evidence["link"].partition("#")
    story_page = client.get(path)
    assert story_page.status_code == 200 and f'id="{anchor}"' in story_page.text
    page = client.get("/outlets")
    assert page.status_code == 200 and page.text.count("<tr id=\"outlet-") == len(profiles)
    assert "Daily &lt;Ledger&gt;" in page.text
    cli = invoke("outlets", "--db", store_path, "--format", "json")
    assert cli.code == 0, cli.err
    assert json.loads(cli.out) == profiles


def test_compare_all_compares_each_changed_story_once(tmp_path: Path, invoke, example_dir: Path) -> None:
    """``compare --all`` keeps a comparison of every multi-outlet story; a re-run does
    nothing; a new article re-compares only the story it joined."""
    import re

    db = tmp_path / "all.duckdb"
    records, held = _ecb_records()
    corpus, late = tmp_path / "ecb.jsonl", tmp_path / "late.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    late.write_text(json.dumps(held[0]), encoding="utf-8")
    assert invoke("ingest", "--db", db, corpus, example_dir).code == 0

    def run() -> tuple[int, int, int]:
        result = invoke("compare", "--all", "--db", db)
        assert result.code == 0, result.err
        shared, now, current = map(int, re.findall(r"\d+", result.out)[:3])
        return shared, now, current

    shared, now, current = run()
    assert shared >= 2 and now == shared and current == 0
    with Store.open(db, read_only=True) as store:
        multi = [s for s in store.stories() if len(set(s.outlets)) >= 2]
        from newsprism.report.newsroom import members_key

        assert len(store.story_comparisons({s.id: members_key(s) for s in multi})) == shared
    assert run() == (shared, 0, shared)
    assert invoke("ingest", "--db", db, late).code == 0
    assert run() == (shared, 1, shared - 1)
    assert invoke("compare", "--all", "--since", "soon", "--db", db).code == 2
