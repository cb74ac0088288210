"""Input limits: size, record count, nesting depth, sentence and token length, memory,
and the work every regex-using function does on its slowest inputs.

No test here reads a clock: on a busy machine any timing flakes. A cost that should be
linear is measured as Python operations (line events, ``operations``: the same count on
every machine and every run) at size n and 4n, and the ratio must stay well below the
16 a quadratic cost gives. What runs in C (a regex engine backtracking) is invisible to
that count: the time every regex and every regex-using function takes on the same
hostile inputs is measured by ``make bench`` (``bench/limits.py``), as CPU-time ratios,
with the inputs built here.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html import escape
from pathlib import Path

import lxml.html
import pytest

from newsprism import nlp
from newsprism.errors import InputError
from newsprism.ingest import build_articles, load, read, read_data
from newsprism.model import Article, IngestFailure, Paragraph, RawArticle, Sentence
from newsprism.options import IngestOptions
from tests.conftest import REPO, cli_env

SRC = REPO / "src" / "newsprism"
EXAMPLE_TEXT = (REPO / "examples" / "airstrikes-iraq" / "000_91ce66356fd37ad2.txt").read_text(encoding="utf-8")
EXAMPLE_TITLE, _, EXAMPLE_BODY = EXAMPLE_TEXT.partition("\n")

# -- measuring growth ------------------------------------------------------------------------------

#: work(4n) / work(n) above this is super-linear: linear gives 4, n log n about 5, quadratic 16.
MAX_GROWTH = 8.0


def operations(call: Callable[[], object]) -> int:
    """How many Python lines ``call`` executes (its own and everything it calls that is
    written in Python): a count of work that does not depend on the machine or its load."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def op_growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How much more work the call does at input size 4n than at n (``make(size)`` builds the call).

    A call at another size runs first, so lazy set-up (compiled patterns, loaded word
    lists) is not counted, while no cache holds the measured inputs' results.
    """
    make(n // 2 or 1)()
    small, large = operations(make(n)), operations(make(4 * n))
    return large / max(small, 1)


def test_the_work_count_tells_linear_from_quadratic() -> None:
    """The measure itself: a loop over the input grows 4x, a loop over pairs 16x."""

    def linear(n: int) -> Callable[[], object]:
        def run() -> int:
            total = 0
            for i in range(n):
                total += i
            return total

        return run

    def quadratic(n: int) -> Callable[[], object]:
        def run() -> int:
            total = 0
            for i in range(n):
                for j in range(i):
                    total += j
            return total

        return run

    assert 3.5 < op_growth(linear, 200) < 4.5
    assert op_growth(quadratic, 200) > 14


# -- every regular expression, found in the source ----------------------------------------------------

#: The packages input flows through (the web, store and stories packages are tested by their owners).
REGEX_MODULES = (
    "hashing", "nlp", "align/__init__", "ingest/_lines", "ingest/_decode", "ingest/_feed", "ingest/_records",
    "ingest/_text", "ingest/_html", "ingest/_fetch", "ingest/_meta", "analysis/facts", "analysis/quotes", "analysis/names",
    "analysis/speakers", "analysis/attribution", "analysis/actors", "analysis/loaded", "compare/_findings", "compare/summary",
    "framing/labels", "framing/loaded", "framing/sourcing",
)  # fmt: skip
_ANCHORED = {"match", "fullmatch"}
_RE_FUNCTIONS = {"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "compile"}


@dataclass(frozen=True)
class Regex:
    """One regular expression of the source: where it is, the compiled pattern, how it is used."""

    where: str
    pattern: re.Pattern[str]
    #: Only ever ``match``/``fullmatch``-ed (anchored at one position), or searched.
    anchored: bool


def _module(relative: str):
    return importlib.import_module("newsprism." + relative.removesuffix("/__init__").replace("/", "."))


def _flags(call: ast.Call, position: int, scope: dict) -> int:
    for keyword in call.keywords:
        if keyword.arg == "flags":
            return eval(compile(ast.Expression(keyword.value), "<flags>", "eval"), scope)  # noqa: S307
    if len(call.args) > position:
        return eval(compile(ast.Expression(call.args[position]), "<flags>", "eval"), scope)  # noqa: S307
    return 0


def _built_patterns() -> dict[str, Callable[[], list[tuple[re.Pattern[str], bool]]]]:
    """Regexes built at run time from local variables or data files, listed by hand:
    ``module:function`` -> (pattern as the function builds it, only ``match``-ed)."""
    from newsprism.ingest import _meta

    joiners = "|".join(re.escape(j) for j in _meta.word_list("byline_joiners"))
    return {
        # a name's words with optional dots and spaces between ("J.O. Haselhoef"), searched
        "ingest/_meta:_restore_dots": lambda: [(re.compile(r"\bJ[.\s]*O[.\s]*Haselhoef\.?"), False)],
        "ingest/_meta:byline": lambda: [(re.compile(rf"(?<!\s)\s+(?:{joiners})\s+", re.I), False)],
        "ingest/_meta:_boilerplate": lambda: [(_meta._boilerplate(), False)],
        "ingest/_meta:_dateline_patterns": lambda: [(p, False) for p in _meta._dateline_patterns()],
    }


def _enclosing_functions(tree: ast.Module) -> dict[int, str]:
    """``id(node)`` -> name of the innermost function holding it."""
    owner: dict[int, str] = {}
    for node in ast.walk(tree):  # outer functions first: inner ones overwrite
        if isinstance(node, ast.FunctionDef):
            for sub in ast.walk(node):
                owner[id(sub)] = node.name
    return owner


def source_regexes() -> Iterator[Regex]:
    """Every regex of ``REGEX_MODULES``: module-level ``re.compile`` constants (with the
    methods called on them), inline ``re.search(r"...", ...)`` calls whose pattern is a
    literal or built from module constants, and the patterns ``_built_patterns`` lists.
    A pattern that cannot be rebuilt and is not listed fails the test."""
    flag_position = {"search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2, "split": 3, "sub": 4, "subn": 4, "compile": 1}
    built = _built_patterns()
    for name, make in built.items():
        if name.split(":")[0] in REGEX_MODULES:
            for pattern, anchored in make():
                yield Regex(name, pattern, anchored)
    for relative in REGEX_MODULES:
        path = SRC / f"{relative}.py"
        module = _module(relative)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        enclosing = _enclosing_functions(tree)
        constants = {
            target.id
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "compile"
            and isinstance(node.value.func.value, ast.Name) and node.value.func.value.id == "re"
            for target in node.targets if isinstance(target, ast.Name)
        }  # fmt: skip
        methods: dict[str, set[str]] = {name: set() for name in constants}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id in constants:
                methods[owner.id].add(node.func.attr)
            elif isinstance(owner, ast.Name) and owner.id == "re" and node.func.attr in _RE_FUNCTIONS - {"compile"}:
                where = f"{relative}.py:{node.lineno}"
                scope = vars(module)
                try:
                    source = eval(compile(ast.Expression(node.args[0]), where, "eval"), scope)  # noqa: S307
                    pattern = re.compile(source, _flags(node, flag_position[node.func.attr], scope))
                except Exception as exc:  # a pattern made from local variables: list it by hand
                    if f"{relative}:{enclosing.get(id(node))}" in built:
                        continue
                    raise AssertionError(f"{where}: cannot rebuild the regex for the linearity test ({exc})") from exc
                yield Regex(where, pattern, node.func.attr in _ANCHORED)
        for name in sorted(constants):
            used = methods[name] or {"search"}  # passed around: assume the worst
            yield Regex(f"{relative}.py:{name}", getattr(module, name), used <= _ANCHORED)


#: Characters and short runs regex engines backtrack on: spaces, line breaks, dots,
#: quotes of every kind, digits, letters, capitals with dots, hyphens, brackets.
UNITS = (
    " ", "\n", "\t", ".", ",", ":", "-", "'", '"', "\u201c", "\u201d", "\u2019", "(", ")", "0", "1,", "a", "A", "A.",
    "a.", "a ", ". ", ".\n", "a-", "a'", "0:", "\u2026", "\u00e9", "\U0001f600", "_", "\n \n", "\u2022 ",
)  # fmt: skip
#: What a run is followed by: a character that makes a near-match fail at the end.
ENDINGS = ("!", "x")


def _literal_words(pattern: str) -> list[str]:
    """Words written in a pattern ("photo", "posted"): a match attempt starts at them."""
    return list(dict.fromkeys(re.findall(r"(?<![\\\[])\b[A-Za-z]{2,}\b", pattern)))[:8]


def hostile_inputs(pattern: str) -> Iterator[Callable[[int], str]]:
    """Input builders (size -> text) that are slow for some regex engines on ``pattern``:
    long runs of one unit, and runs after a word the pattern starts a match at."""
    for unit in UNITS:
        for ending in ENDINGS:
            yield lambda n, u=unit, e=ending: u * (n // len(u)) + e
    for word in _literal_words(pattern):
        for unit in (" ", "\n", ".", "0", "A."):
            yield lambda n, w=word, u=unit: w + u * (n // len(u)) + "!"
        yield lambda n, w=word: (w + " ") * (n // (len(w) + 1)) + "!"
        yield lambda n, w=word: ("(" + w) * (n // (len(w) + 1)) + "!"
        yield lambda n, w=word: (w.capitalize() + ". ") * (n // (len(w) + 2))


def _run(regex: Regex, text: str) -> None:
    if regex.anchored:
        regex.pattern.match(text)
    else:
        for _ in regex.pattern.finditer(text):
            pass


#: Characters per "n" for the regexes (timed in ``bench/limits.py``).
REGEX_N = 2_000


def test_every_regex_of_the_input_path_is_found_and_rebuilt() -> None:
    """Every regex of ``REGEX_MODULES`` can be rebuilt for ``bench/limits.py`` to time on
    its hostile inputs (a pattern built from local variables must be listed in
    ``_built_patterns``), and each has hostile inputs."""
    found = list(source_regexes())
    assert len(found) > 50, len(found)
    assert sum(1 for r in found for _ in hostile_inputs(r.pattern.pattern)) > 2000


# -- every function that uses a regex -----------------------------------------------------------------


def regex_functions() -> set[str]:
    """``module:function`` of every function in ``REGEX_MODULES`` that calls ``re`` or uses a
    module-level compiled pattern."""
    found: set[str] = set()
    for relative in REGEX_MODULES:
        tree = ast.parse((SRC / f"{relative}.py").read_text(encoding="utf-8"))
        constants = {
            t.id for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "compile"
            for t in node.targets if isinstance(t, ast.Name)
        }  # fmt: skip
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            for sub in ast.walk(node):
                uses_re = (
                    isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "re"
                    and sub.attr in _RE_FUNCTIONS
                )  # fmt: skip
                if uses_re or (isinstance(sub, ast.Name) and sub.id in constants):
                    found.add(f"{relative}:{node.name}")
                    break
    return found


def _article(text: str) -> Article:
    """An unparsed article whose whole text is one body paragraph and sentence."""
    return Article(
        id="a", outlet="o", title="t", text=text, paragraphs=(Paragraph(0, 0, len(text)),),
        sentences=(Sentence(0, 0, len(text), 0),),
    )  # fmt: skip


_CHARGED_TEXT = "The minister threatened the protesters in the square."
_CHARGED = Article(
    id="c", outlet="o", title="t", text=_CHARGED_TEXT, paragraphs=(Paragraph(0, 0, len(_CHARGED_TEXT)),),
    sentences=(Sentence(0, 0, len(_CHARGED_TEXT), 0),),
)  # fmt: skip


def _charged_span():
    from newsprism.analysis.loaded import LoadedSpan

    start = _CHARGED_TEXT.index("threatened")
    return LoadedSpan("c", start, start + len("threatened"), "threatened", "loaded", 0.9, "neg", False, None)


def _text_functions() -> dict[str, Callable[[str], object]]:
    """The regex-using functions that take text, each called on a whole hostile text."""
    from newsprism import align, hashing
    from newsprism.analysis import facts, names, quotes, speakers
    from newsprism.analysis import loaded as analysis_loaded
    from newsprism.compare import _findings, summary
    from newsprism.framing import labels, loaded
    from newsprism.model import Claim, ClaimSentence
    from newsprism.ingest import _lines, _meta
    from newsprism.model import BULLET

    mentions = importlib.import_module("newsprism.analysis.actors")  # ``analysis.actors`` is the function

    def declared(t: str) -> _meta.Declared:
        """Every declaration of a page saying ``t``: meta tags, a JSON-LD article, title, h1, lang."""
        person = {"@type": "Person", "name": t}
        article = {
            "@type": "NewsArticle", "headline": t, "publisher": {"@type": "Organization", "name": t}, "author": [person],
            "articleBody": t, "datePublished": t, "inLanguage": t, "description": t,
        }  # fmt: skip
        meta = {key: [t] for key in ("og:site_name", "og:title", "og:locale", "application-name", *_meta.AUTHOR_META)}
        return _meta.Declared(meta=meta, objects=[article], title=t, h1=t, lang=t)

    def lead(t: str) -> str:
        """``lead`` on a page whose h1, lead-classed paragraphs and class names say ``t``."""
        e = escape(t)
        tree = lxml.html.fromstring(
            f'<html><head><title>{e}</title><meta property="og:description" content="{e}"></head><body><h1>{e}</h1>'
            f'<p class="{e}">{e}</p><p class="intro">{e}</p><p>Story begins here.</p></body></html>'
        )  # fmt: skip
        return _meta.lead(_meta.declared(tree), tree, "Story begins here.", tree.text_content())

    day, next_day = dt.date(2024, 1, 1), dt.date(2024, 1, 2)

    return {
        "hashing:content_hash": lambda t: hashing.content_hash("title", t),
        "nlp:pieces": lambda t: nlp.pieces(t, 0, len(t)),
        "align/__init__:_words": align._words.__wrapped__,  # the work, not the per-text cache
        "align/__init__:_anchors": align._anchors,
        "ingest/_lines:paragraph_spans": _lines.paragraph_spans,
        "ingest/_lines:_continues": lambda t: _lines._continues(t, "and then"),
        "ingest/_lines:_split_bullets": lambda t: _lines._split_bullets(t, 0, len(t)),
        "ingest/_lines:content_start": lambda t: _lines.content_start(t, Paragraph(0, 0, len(t), BULLET)),
        "ingest/_lines:classify": _lines.classify,
        "analysis/facts:_timestamp": lambda t: (facts._timestamp(t, len(t), len(t)), facts._timestamp(t, 0, 0)),
        "analysis/facts:_leading_weekday": lambda t: facts._leading_weekday(t, len(t)),
        "analysis/facts:_acronym": lambda t: facts._acronym(t, t),
        "analysis/facts:_plain_in": lambda t: (facts._plain_in(t, 0, len(t), "comma"), facts._plain_in(t, 0, len(t), "point")),
        "analysis/quotes:_word_count": lambda t: quotes._word_count(t, [(0, len(t))]),
        "analysis/quotes:_is_attribution_gap": lambda t: quotes._is_attribution_gap(t, 0, len(t), [(len(t) // 2, len(t) // 2 + 1)]),
        "analysis/quotes:_opens_attribution": lambda t: quotes._opens_attribution(t, 0, len(t), [(len(t) - 1, len(t))]),
        "analysis/speakers:joint_members": lambda t: speakers.joint_members(t),
        "analysis/speakers:ends_sentence": lambda t: speakers.ends_sentence(t, 0, len(t)),
        "analysis/speakers:_adjacent": lambda t: speakers._adjacent(t, 3, (), 0, len(t)),
        "analysis/quotes:_normalise": lambda t: quotes._normalise(t or "x"),
        "analysis/quotes:_tokens": lambda t: quotes._tokens(t, 0, len(t)),
        "analysis/quotes:_sentence_spans": lambda t: list(quotes._sentence_spans(t, 0, len(t))),
        "analysis/quotes:_spellings": lambda t: quotes._spellings(quotes._tokens(t, 0, len(t))),
        "analysis/quotes:extract_quotes": lambda t: quotes.extract_quotes(_article(t)),
        "analysis/names:canonical_entity": names.canonical_entity,
        "analysis/actors:_affiliation": mentions._affiliation,  # what _actor searches noun chunks with
        "analysis/loaded:_phrase_words": analysis_loaded._phrase_words,
        "compare/_findings:_occurrence_word": lambda t: _findings._occurrence_word([t]),
        "compare/_findings:_running_total_word": lambda t: _findings._running_total_word([t]),
        "framing/labels:_death_words": lambda t: labels._death_words(_article(t), 0, len(t)),
        "framing/labels:natural_deaths": lambda t: labels.natural_deaths(_article(t)),
        "compare/summary:_fits_all": lambda t: summary._fits_all(
            Claim("c", (ClaimSentence("a", 0, 0, len(t), t), ClaimSentence("b", 0, 0, len(t), t)), ()), "a", _article(t)
        ),
        "framing/labels:_caused_by": lambda t: labels._caused_by(nlp.parse([t]).__next__(), labels._cause_pattern()),
        "framing/loaded:body_words": lambda t: loaded.body_words(_article(t)),
        "framing/loaded:_tokens": lambda t: loaded._tokens(t, 0, len(t)),
        "framing/loaded:quoted_share": lambda t: loaded.quoted_share(t, 0, len(t)),
        "framing/loaded:_says_the_word": lambda t: loaded._says_the_word(t, Sentence(0, 0, len(t), 0), "threatened"),
        "framing/loaded:_keeps_distance": lambda t: loaded._keeps_distance(t, Sentence(0, 0, len(t), 0)),
        # the charged sentence is fixed (parsed once); the hostile text is the counterpart it is matched in
        "framing/loaded:_tells_the_clause": lambda t: loaded._tells_the_clause(
            _CHARGED, _charged_span(), _article(t), Sentence(0, 0, len(t), 0)
        ),
        "ingest/_meta:clean_site_name": lambda t: (_meta.clean_site_name(t), _meta.clean_site_name(t, t, "Example")),
        "ingest/_meta:outlet": lambda t: (
            _meta.outlet(declared(t), "https://www.example.com/a"), _meta.outlet(_meta.Declared(title=t), "https://www.example.com/a")
        ),
        "ingest/_meta:strip_site": lambda t: (_meta.strip_site(t, ["Example"]), _meta.strip_site(t, ["Example", t], t)),
        "ingest/_meta:_day": _meta._day,
        "ingest/_meta:_local_day": lambda t: (
            _meta._local_day(t, day, None, next_day), _meta._local_day(t + "Z", day, None, next_day)
        ),
        "ingest/_meta:article_body": lambda t: _meta.article_body(declared(t)),
        "ingest/_meta:lead": lead,
        "ingest/_meta:drop_boilerplate": _meta.drop_boilerplate,
        "ingest/_meta:language": lambda t: _meta.language(declared(t)),
        "ingest/_meta:byline": lambda t: _meta.byline(t, ["Example", t], t),
        "ingest/_meta:_restore_dots": lambda t: (_meta._restore_dots("J O Haselhoef", t), _meta._restore_dots(t, t)),
        "ingest/_meta:declared_authors": lambda t: _meta.declared_authors(declared(t)),
        "ingest/_meta:non_article_reason": lambda t: (
            _meta.non_article_reason(_meta.Declared(), "https://example.com/" + t, False, 10, t, 0),
            _meta.non_article_reason(_meta.Declared(), "https://example.com/tag/" + t, False, 10, t, 0),
        ),
    }  # fmt: skip


#: Functions that work on parsed sentences (tokens, noun chunks) and the stage that runs
#: them: measured on parsed articles in ``test_sentence_stages_do_linear_work``.
PARSED = {
    "analysis/facts:_time_facts": "sentence_facts", "analysis/facts:_is_year_token": "sentence_facts",
    "analysis/facts:_names_year": "sentence_facts", "analysis/facts:_counts": "sentence_facts",
    "analysis/facts:_cardinal": "sentence_facts", "analysis/facts:_number_value": "sentence_facts",
    "analysis/facts:_excluded_number": "sentence_facts", "analysis/facts:_number_facts": "sentence_facts",
    "analysis/facts:_ordinal_value": "sentence_facts", "analysis/facts:_zoned": "sentence_facts",
    "analysis/speakers:_document_like": "attributions", "analysis/speakers:_classify_one": "attributions",
    "analysis/speakers:_read": "attributions",
    "analysis/speakers:_distance": "extract_quotes",
}  # fmt: skip
#: Regex-using functions that read no input: the VADER lexicon file shipped with vaderSentiment;
#: ``ingest/_meta``'s ``_boilerplate`` and ``_dateline_patterns``, which only compile patterns from
#: shipped word lists (``data/boilerplate_lines.txt``, month names). Their patterns are measured
#: through ``_built_patterns``, and ``_boilerplate``'s also in ``drop_boilerplate``.
#: ``analysis/facts:_date_of`` reads only the parts a date pattern matched (a day of at most
#: four characters), never a text. ``framing/labels:_cause_pattern`` only compiles the causes
#: of ``data/labels.txt``; its pattern is measured through ``natural_deaths``.
NO_INPUT = {
    "analysis/loaded:vader_lexicon", "ingest/_meta:_boilerplate", "ingest/_meta:_dateline_patterns",
    "analysis/facts:_date_of", "framing/labels:_cause_pattern",
}
#: Words the regexes of the input path start matches at.
TRIGGERS = ("posted", "photo", "said", "according", "January", "Sunday", "about", "(AP", "Iran", "Mr.")


def function_inputs() -> Iterator[Callable[[int], str]]:
    """Hostile texts (size -> text) for the regex-using functions."""
    for unit in UNITS:
        for ending in ENDINGS:
            yield lambda n, u=unit, e=ending: u * (n // len(u)) + e
    for word in TRIGGERS:
        for unit in (" ", "\n", ".", "0", "A.", '"'):
            yield lambda n, w=word, u=unit: w + u * (n // len(u)) + "!"
        yield lambda n, w=word: (w + " ") * (n // (len(w) + 1))
        yield lambda n, w=word: (w + ". ") * (n // (len(w) + 2))
        yield lambda n, w=word: ('"' + w + ' ') * (n // (len(w) + 2))


def test_every_regex_using_function_is_measured() -> None:
    """A new function with a regex must be added to the linearity tests below."""
    listed = set(_text_functions()) | set(PARSED) | NO_INPUT
    assert regex_functions() - listed == set(), "add these to _text_functions or PARSED"
    assert listed - regex_functions() - {"analysis/quotes:extract_quotes"} == set(), "stale entries"


#: Characters per "n" for the functions (Python code is slower than a regex).
FUNCTION_N = 1_000


@pytest.mark.parametrize("name", sorted(_text_functions()))
def test_regex_using_function_does_linear_work(name: str) -> None:
    """Each text-level function, on each hostile text, does linear work (Python
    operations) from n to 4n characters."""
    function = _text_functions()[name]
    slow = []
    for build in function_inputs():
        ratio = op_growth(lambda n, b=build: (lambda t=b(n): function(t)), FUNCTION_N)
        if ratio > MAX_GROWTH:
            slow.append(f"{build(40)!r}...: x{ratio:.1f} for 4x input")
    assert not slow, f"{name} is super-linear on:\n" + "\n".join(slow)


#: One paragraph of everything the sentence-level readers find hard: unbalanced and
#: nested quotes, runs of dots and initials, many figures, dates and names, datelines.
HOSTILE_PARAGRAPH = (
    'Posted          on:   Jan 21, 2024 10:50AM "We will respond," Austin said. "He said \u2018no '
    + "A.A.A.A.A.A.A.A.A.A.A.A. " * 4 + "... " * 20
    + "About 2,500, more than 150, nearly 17, 3, 4, 5, 6, 7, 8, 900 and 1,000 troops were hit on Sunday, "
    "Saturday, January 4 and Jan. 11 by Iran-backed, U.S.-backed and Kataib Hezbollah-linked militias, "
    "officials speaking on condition of anonymity said according to Reuters, AP and the Pentagon. "
    + "\u201cThe strikes, \u201d he said, \u201care \u201c\u201c\u201c necessary " * 6
    + "(AP Photo (AP (AP Photo: " * 4 + "Lloyd Austin, Mr. Biden, Gen. Brown and al-Sudani told reporters."
)


@pytest.fixture(scope="module")
def parsed_articles() -> dict[int, Article]:
    """Articles of n and 4n hostile paragraphs, segmented by spaCy (outside the timing)."""
    sizes = (2, 8)
    raws = [RawArticle(source=f"h{k}", title="Hostile", text="\n\n".join([HOSTILE_PARAGRAPH] * k)) for k in sizes]
    return dict(zip(sizes, build_articles(raws), strict=True))


@pytest.mark.parametrize("stage", ["sentence_facts", "extract_quotes", "mentions", "loaded_spans", "attributions"])
def test_sentence_stages_do_linear_work(stage: str, parsed_articles: dict[int, Article]) -> None:
    """The stages that run the token-level regex functions grow linearly with the article."""
    from newsprism.analysis.facts import sentence_facts
    from newsprism.analysis.quotes import extract_quotes
    from newsprism.analysis.attribution import attributions
    from newsprism.analysis.loaded import loaded_spans
    from newsprism.analysis.actors import mentions

    def call(article: Article) -> Callable[[], object]:
        run = {
            "sentence_facts": lambda: sentence_facts(article),
            "extract_quotes": lambda: extract_quotes(article),
            "mentions": lambda: mentions(article, extract_quotes(article)),
            "loaded_spans": lambda: loaded_spans(article, extract_quotes(article)),
            "attributions": lambda: attributions(article, extract_quotes(article)),
        }[stage]
        return lambda: (nlp.forget(), run())

    assert max(s.end - s.start for s in parsed_articles[8].sentences) <= nlp.MAX_SENTENCE
    work = {}
    for size in (2, 8):
        call(parsed_articles[size])()  # lazy set-up and the article's caches are not counted, for either size
        work[size] = operations(call(parsed_articles[size]))
    ratio = work[8] / max(work[2], 1)
    assert ratio <= MAX_GROWTH, f"{stage}: x{ratio:.1f} the work for 4x the article"


# -- size, record count, nesting ---------------------------------------------------------------------------


def failures(items) -> list[IngestFailure]:
    return [i for i in items if isinstance(i, IngestFailure)]


def articles(items) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def record(i: int, **extra: object) -> dict[str, object]:
    return {"id": f"r{i}", "outlet": "o", "title": f"Title {i}", "text": f"Body of record {i}. It says things.", **extra}


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Headline\n" + "word " * 400, encoding="utf-8")
    (failure,) = failures(read([str(path)], IngestOptions(max_bytes=1_000)))
    assert failure.problem == "file is 2,009 bytes, over the limit of 1,000 (raise --max-bytes)"


def test_a_jsonl_record_over_max_bytes_fails_alone_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [record(1), record(2, text="long " * 500), record(3)]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    items = list(read([str(path)], IngestOptions(max_bytes=1_000)))
    assert [a.id for a in articles(items)] == ["r1", "r3"]
    assert [str(f) for f in failures(items)] == [f"{path}:2: record is over the size limit of 1,000 bytes"]


def test_a_jsonl_line_of_40_mb_is_never_held_in_memory(tmp_path: Path) -> None:
    """A file with one huge line (no newline) is read a bounded line at a time."""
    import tracemalloc

    path = tmp_path / "one-line.jsonl"
    with path.open("wb") as out:
        out.write(json.dumps(record(1)).encode() + b"\n" + b'{"text": "')
        for _ in range(40):
            out.write(b"x" * 1_000_000)
        out.write(b'"}\n' + json.dumps(record(3)).encode() + b"\n")
    tracemalloc.start()
    items = list(read([str(path)], IngestOptions(max_bytes=1_000_000)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.id for a in articles(items)] == ["r1", "r3"]
    assert [f.problem for f in failures(items)] == ["record is over the size limit of 1,000,000 bytes"]
    assert peak < 5_000_000, f"peak {peak:,} bytes while reading a 40 MB line with a 1 MB limit"


def _rss(count: int) -> bytes:
    items = "".join(f"<item><title>T{i}</title><description>Entry {i} says things.</description></item>" for i in range(count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


def _csv(count: int) -> bytes:
    return ("id,title,text\n" + "".join(f"r{i},T{i},Body {i} says things.\n" for i in range(count))).encode()


@pytest.mark.parametrize(
    ("suffix", "data", "problem"),
    [
        (".jsonl", "\n".join(json.dumps(record(i)) for i in range(5)).encode(), "more than 3 records; split the file"),
        (".json", json.dumps([record(i) for i in range(5)]).encode(), "more than 3 records; split the file"),
        (".csv", _csv(5), "more than 3 records; split the file"),
        (".xml", _rss(5), "more than 3 entries; split the feed"),
    ],
    ids=["jsonl", "json", "csv", "feed"],
)
def test_record_count_is_capped_in_every_corpus_format(suffix: str, data: bytes, problem: str) -> None:
    options = IngestOptions(max_records=3, fetch_links=False)
    try:
        items = list(read_data(data, f"corpus{suffix}", options))
    except InputError as exc:  # a JSON array is counted before any record is read
        assert suffix == ".json" and exc.problem == problem
        return
    assert len(articles(items)) == 3
    assert [f.problem for f in failures(items)] == [problem]


def nested(depth: int) -> object:
    """A value ``depth`` containers deep: ``nested(2) == {"a": ["leaf"]}``."""
    value: object = "leaf"
    for level in range(depth):
        value = [value] if level % 2 == 0 else {"a": value}
    return value


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_json_records_nested_past_max_depth_are_refused(suffix: str) -> None:
    """A record is 1 deep; its metadata may nest up to ``max_depth`` in all, not one level more."""
    options = IngestOptions(max_depth=6)
    ok, deep = record(1, extra=nested(5)), record(2, extra=nested(6))
    data = "\n".join(json.dumps(r) for r in (ok, deep)) if suffix == ".jsonl" else json.dumps([ok, deep])
    items = list(read_data(data.encode(), f"corpus{suffix}", options))
    assert [a.id for a in articles(items)] == ["r1"]
    assert [f.problem for f in failures(items)] == ["record is nested more than 6 levels deep"]


def test_json_nested_past_the_interpreter_stack_is_one_error_not_a_crash() -> None:
    deep = b'{"text": "x", "m": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    (failure,) = failures(read_data(deep, "deep.jsonl", IngestOptions()))
    assert failure.problem == "record is nested more than 32 levels deep"
    with pytest.raises(InputError, match="JSON is nested more than 32 levels deep"):
        list(read_data(deep, "deep.json", IngestOptions()))


def test_a_lone_surrogate_escape_is_refused_with_its_code_point() -> None:
    (failure,) = failures(read_data(b'{"text": "a \\ud800 b"}', "s.jsonl", IngestOptions()))
    assert failure.problem == "record holds invalid Unicode (unpaired surrogate U+D800)"


def front(yaml_text: str) -> bytes:
    return f"---\n{yaml_text}\n---\nHeadline\nBody text of the article.\n".encode()


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("a: " + "[" * 40 + "]" * 40, "front matter is nested more than 32 levels deep"),
        ("a: " + "[" * 5_000 + "]" * 5_000, "front matter is nested more than 32 levels deep"),
        ("published: 2024-13-45", "front matter has a value YAML cannot read ('month must be in 1..12')"),
        ("n: " + "9" * 5_000, "front matter has a value YAML cannot read ('Exceeds the limit (4300 digits) for integer string conve...)"),
        ("a: " + "x" * 100_001, "front matter is 100,004 characters, over the limit of 100,000"),
        ("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)),
         "front matter holds more than 10,000 values"),
    ],
    ids=["deep", "deeper-than-the-stack", "impossible-date", "huge-integer", "oversize", "billion-laughs"],
)  # fmt: skip
def test_front_matter_limits(yaml_text: str, problem: str) -> None:
    """Each is refused with its problem (the billion laughs before they expand to 10^9 values)."""
    with pytest.raises(InputError) as raised:
        list(read_data(front(yaml_text), "a.txt", IngestOptions()))
    assert raised.value.problem == problem


# -- sentence and token length before spaCy --------------------------------------------------------------


def test_pieces_cap_sentences_and_tokens_of_a_50k_word_text_without_punctuation() -> None:
    """spaCy never gets more than MAX_SENTENCE characters without a sentence end, nor a
    run of more than MAX_TOKEN characters without a space; the pieces tile the text."""
    vocabulary = "strikes hit the militia base near the city after missiles were fired at troops".split()
    text = " ".join(vocabulary[i % len(vocabulary)] for i in range(50_000)) + " " + '"' * 5_000 + " tail"
    spans = nlp.pieces(text, 0, len(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert max(e - s for s, e in spans) <= nlp.MAX_SENTENCE
    assert max(len(w) for s, e in spans for w in text[s:e].split()) <= nlp.MAX_TOKEN


def test_pieces_keep_a_normal_article_whole() -> None:
    body = EXAMPLE_BODY.replace("\n", " ")
    assert nlp.pieces(body, 0, len(body)) == [(0, len(body))]


def test_segmenting_text_without_punctuation_gives_bounded_sentences() -> None:
    (article,) = build_articles([RawArticle(source="s", title="T", text=" ".join(["militia"] * 3_000))])
    assert len(article.sentences) >= 10
    assert max(s.end - s.start for s in article.sentences) <= nlp.MAX_SENTENCE


def test_a_run_of_quote_marks_reaches_spacy_in_bounded_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy's tokenizer is quadratic in a run without spaces (4,000 quote marks took 4 s,
    20,000 over a minute): runs are cut at MAX_TOKEN before spaCy sees them, so its cost
    is linear in the text (the time itself is measured by ``make bench``, bench.limits)."""
    seen: list[str] = []
    parse = nlp.parse

    def recording(texts, *args, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return parse(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "parse", recording)
    (article,) = build_articles([RawArticle(source="q", title="T", text="'\"" * 4_000)])
    assert seen and "".join(seen).count('"') >= 3_000
    assert max(len(run) for text in seen for run in text.split()) <= nlp.MAX_TOKEN
    assert article.sentences


def test_compare_work_grows_linearly_with_an_article_without_punctuation() -> None:
    """The compare engine on a text with no sentence end: before the sentence cap and the
    piece lookup by bisection it grew with the square of the article's length."""
    from newsprism.compare import compare

    other = load([str(REPO / "examples" / "airstrikes-iraq" / "000_91ce66356fd37ad2.txt")])[0]
    vocabulary = "strikes hit the militia base near the city after missiles were fired at troops said Austin".split()
    raws = {
        n: RawArticle(source=f"w{n}", title="T", text=" ".join(vocabulary[i % len(vocabulary)] for i in range(n)))
        for n in (800, 3_200)
    }
    built = dict(zip(raws, build_articles(list(raws.values())), strict=True))
    compare([built[800], other])  # load the models and word lists before counting
    work = {n: operations(lambda n=n: (nlp.forget(), compare([built[n], other]))) for n in raws}
    ratio = work[3_200] / work[800]
    assert ratio <= MAX_GROWTH, f"x{ratio:.1f} the work for 4x the words"


# -- time ----------------------------------------------------------------------------------------------------


class _Drip(BaseHTTPRequestHandler):
    """Answers with a body sent one byte every 0.2 s: httpx's per-read timeout never fires."""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "200")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_a_url_that_drips_bytes_is_cut_off_at_the_timeout() -> None:
    """``timeout`` bounds the whole fetch: a server sending a byte every 0.2 s would take 40 s."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/slow.html"
    try:
        (failure,) = failures(read([url], IngestOptions(timeout=1.0, allow_private_urls=True)))
    finally:
        server.shutdown()
        server.server_close()
    # Without the whole-fetch timeout the 200 bytes would all arrive (in 40 s) and the
    # page would be read; with it, the fetch fails.
    assert failure.problem.startswith("could not fetch it")


# -- memory: a 50 MB corpus is streamed ------------------------------------------------------------------


def _corpus(path: Path, size: int) -> int:
    """A JSONL corpus of about ``size`` bytes: the two example reports, each repeated under
    new ids (duplicates by content, skipped before segmentation), one id per line."""
    bodies = [p.read_text(encoding="utf-8").partition("\n") for p in sorted((REPO / "examples" / "airstrikes-iraq").glob("*.txt"))]
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            title, _, text = bodies[count % len(bodies)]
            line = json.dumps({"id": f"copy-{count}", "outlet": f"outlet-{count % 2}", "title": title, "text": text}) + "\n"
            out.write(line)
            written += len(line.encode())
            count += 1
    return count


def _peak_rss_mb(*args: object) -> tuple[float, subprocess.CompletedProcess]:
    """Run the CLI; its peak resident memory in MB and its result.

    Read from ``VmHWM`` in ``/proc/PID/status`` while it runs: the rusage of a child
    counts the memory of the (large) test process it was forked from.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), cwd=REPO,
    )  # fmt: skip
    peak_kb = 0
    status = Path(f"/proc/{proc.pid}/status")

    def watch() -> None:
        nonlocal peak_kb
        while proc.poll() is None:
            try:
                found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
            except OSError:
                return
            if found:
                peak_kb = max(peak_kb, int(found.group(1)))
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    out, err = proc.communicate()
    watcher.join()
    return peak_kb / 1024, subprocess.CompletedProcess(args, proc.returncode, out.decode(), err.decode())


#: How much more memory the 50 MB run may take than the 1 MB one: less than the file.
MEMORY_SLACK_MB = 40


def test_ingesting_a_50_mb_jsonl_corpus_keeps_memory_flat(tmp_path: Path) -> None:
    """Peak memory of ``newsprism ingest`` on 50 MB of JSONL stays near that on 1 MB: the
    file is streamed, and copies of an article are skipped before segmentation."""
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small_count, big_count = _corpus(small, 1_000_000), _corpus(big, 50_000_000)
    base_mb, base = _peak_rss_mb("ingest", "--db", tmp_path / "small.duckdb", small)
    peak_mb, run = _peak_rss_mb("ingest", "--db", tmp_path / "big.duckdb", big)
    assert base.returncode == 0 and run.returncode == 0, base.stderr + run.stderr
    assert base.stdout.strip() == f"ingested 2, duplicates {small_count - 2}, failed 0"
    assert run.stdout.strip() == f"ingested 2, duplicates {big_count - 2}, failed 0"
    print(f"peak RSS: {base_mb:.1f} MB on 1 MB ({small_count:,} records), {peak_mb:.1f} MB on 50 MB ({big_count:,} records)")
    # Reading the file whole would cost 50 MB at least (bytes), twice that once split into lines.
    assert peak_mb < base_mb + MEMORY_SLACK_MB, f"{peak_mb:.0f} MB on 50 MB of JSONL against {base_mb:.0f} MB on 1 MB"
