"""HTML report: one self-contained page an editor can read, click through and print.

    html(result) -> str

The page holds, top to bottom: the notices (``#notices``: the articles are probably or
possibly not about one event; analyses that did not run for some languages), the
neutral summary (when the result has one), the legend of finding kinds (its buttons filter by kind), two views behind tabs - the claim matrix (every claim a row, every outlet a
column; the default when the result has claims) and the articles side by side (every
sentence its own element, finding evidence marked inside it) - then the findings
grouped by kind, and the framing tables.

It is rendered with Jinja2 (``templates/``, autoescaping on, undefined names an error)
from plain records (``_views``, ``_matrix``) and needs nothing but itself: the CSS and the one script (``static/``) are read once and
inlined, and a Content-Security-Policy ``<meta>`` allows exactly that script (by its
SHA-256, ``script_hash(SCRIPT)``) and inline styles, so a script smuggled in through
article text could not run even if escaping failed somewhere. The web app serves the
page with a CSP header built from the same ``SCRIPT``.

Article text is untrusted. The templates escape every value; the only markup not
written by a template is a marked sentence, built in ``_marks`` from escaped slices.
The script reads ids and data-attributes the page itself wrote, toggles classes and
``hidden``, sets ``textContent`` at most, and never uses ``innerHTML``.

Stable hooks (for tests and for the web app that serves this page):

* ``#notices`` - present only when there is something to say: ``p.notice.notice-same-event``
  (``.level-different`` or ``.level-possibly-different``, ``role=alert``) and one
  ``p.notice.notice-coverage`` per coverage line, each its plain text.
* ``#summary`` - the summary list; each item ``li.summary-sentence#sum-<N>`` (N from 1)
  with ``.status-agreed|.status-disputed|.status-single-source``, ``data-targets`` (ids
  of the sentences its evidence lies in). Clicking it toggles ``is-active`` on it and
  ``is-evidence`` on those sentences and on its ``mark.sum-ev[data-summary=sum-<N>]``.
* ``#views`` - the tab bar: ``button[role=tab]#tab-claims`` and ``#tab-articles`` with
  ``aria-controls`` naming their panel (``#view-claims``, ``#view-articles``) and
  ``aria-selected``. Clicking a tab shows its panel and sets ``hidden`` on the other.
  Following a link to an element inside a hidden panel (``a.jump``, ``a.to-claim``,
  an outlet header) first shows that panel; to a row or finding group the kind filter
  hides, first clears the filter.
* ``#kind-filter`` - one ``button.kind-toggle[data-kind=<kind>][aria-pressed]`` per kind
  of finding in the result, and ``button#kind-filter-clear``. While any is pressed, only
  claim rows with a finding of a pressed kind and only the ``section.kind-group`` of
  pressed kinds are shown (the others get ``hidden``); ``#filter-status`` says how many
  rows are shown.
* ``table#claims`` - the claim matrix. ``thead th.outlet-head[data-article]`` per outlet in
  ``result.articles`` order (after ``th.claim-head``); each claim a
  ``tr.claim#claim-<key>[data-claim=<id>][data-kinds=<kinds>]`` (``<key>`` as for articles,
  kinds space-separated) with ``th.claim-label`` (number, ``a.badge.kind-<kind>[data-kind]``
  per kind linking to its first finding) then one ``td.cell[data-article]`` per outlet:
  ``span.claim-sent[data-target=s-<key>-<index>]`` per sentence (text exactly the
  sentence; ``data-start``/``data-end``) with ``mark.kind-<kind>.role-change|role-value
  [data-finding=f<N>]`` inside, or ``td.cell.missing`` ("not reported") when the outlet
  does not carry the claim.
* ``#articles`` - the columns; each ``article.col#a-<key>[data-article=<id>]``.
* ``span.sent#s-<key>-<index>`` - one sentence, text exactly ``text[start:end]``, with
  ``data-article`` (article id), ``data-sentence`` (index), ``data-kind`` (line kind),
  ``data-start``/``data-end`` and ``data-links`` (space-separated ids of its aligned
  sentences in other columns; class ``has-links`` when there are any). ``<key>`` is the
  article id when it is made of ``[A-Za-z0-9_-]``, else ``h`` + 16 hex of its SHA-256
  (see ``dom_key``). Non-body lines have class ``nonbody`` and ``line-<kind>``.
* Clicking a sentence toggles a persistent selection: ``is-active`` on it, ``is-linked``
  on its counterparts; clicking it again (or pressing Escape) clears both; clicking
  another sentence moves the selection. Hovering adds ``is-hover`` / ``is-hover-linked``
  (separate classes, so hover never disturbs the selection).
* ``mark.kind-<kind>[data-finding=f<N>]`` inside ``span.sent`` - a piece of evidence of
  finding N (N from 1, the finding's position in ``result.findings``), with
  ``data-ev=f<N>-<i>`` (i-th evidence), ``data-start``/``data-end`` (absolute offsets of
  this piece: a span is split where it crosses a sentence or another mark). Roles:
  ``role-evidence`` (the evidence span), ``role-value`` (contradiction values),
  ``role-change`` (words changed in a quote, with ``data-change=f<N>-c<j>-a|b``: change j
  of ``details["changes"]``, ``a`` the reference's words, ``b`` the version's). After the
  last piece of each evidence span comes ``a.ref[href=#f<N>]`` (label via CSS, so it adds
  no text to the sentence).
* ``#findings`` - ``section.kind-group#kind-<kind>[data-kind]`` per kind with
  ``li.finding#f<N>``; each evidence is an ``a.jump[href=#s-<key>-<index>]``, each claim
  it sits in an ``a.to-claim[href=#claim-<key>]``. Clicking a finding toggles
  ``is-active`` on it and ``is-focus`` on its marks.
* ``#framing`` - the framing tables (``table.framing``).
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from newsprism.model import CompareResult, FindingKind
from newsprism.report._common import colour, notices
from newsprism.report._dom import class_token, dom_key, sentence_id
from newsprism.report._matrix import Row, claim_rows
from newsprism.report._views import (
    columns,
    kind_groups,
    kind_views,
    outlet_heads,
    safe_url,
    summary_items,
    tables,
)

__all__ = ["html", "SCRIPT", "CSS", "CSP", "script_hash", "dom_key", "sentence_id", "safe_url", "class_token"]


def _static(name: str) -> str:
    """A file of ``static/``, as text without surrounding blank lines."""
    return (files("newsprism.report") / "static" / name).read_text(encoding="utf-8").strip()


#: The page's one script (inlined; the CSP allows exactly it). The web app imports it too.
SCRIPT = _static("report.js")
#: The page's style sheet (inlined), without the per-kind colours (see ``kind_css``).
CSS = _static("report.css")
if "</script" in SCRIPT.lower() or "</style" in CSS.lower():
    raise RuntimeError("report.js / report.css must not close their own inline element")


def script_hash(script: str) -> str:
    """The CSP source (``'sha256-...'``) that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: The page's CSP: its own script by hash, inline styles, nothing loaded from anywhere.
CSP = (
    f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash(SCRIPT)}; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def kind_css() -> Markup:
    """One colour variable per registered finding kind (marks, badges, swatches, borders).

    Unknown kinds get no rule and inherit the page's grey. Only registry constants go in.
    """
    return Markup("\n".join(f".kind-{class_token(k)}{{--c:{colour(k)}}}" for k in FindingKind))


# -- the page --------------------------------------------------------------------------------------


@cache
def _environment() -> Environment:
    """The template environment: autoescaping on, any undefined name an error."""
    return Environment(
        loader=PackageLoader("newsprism.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def html(result: CompareResult) -> str:
    """The whole report as one self-contained HTML document."""
    rows: list[Row] = claim_rows(result)
    page = _environment().get_template("report.html.j2")
    return page.render(
        csp=Markup(_html.escape(CSP, quote=True)),
        css=Markup(CSS),
        kind_css=kind_css(),
        script=Markup(SCRIPT),
        version=result.version,
        outlet_names=", ".join(a.name for a in result.articles),
        count=len(result.articles),
        notices=notices(result),
        summary=summary_items(result),
        kinds=kind_views(result),
        view="claims" if rows else "articles",
        rows=rows,
        heads=outlet_heads(result),
        columns=columns(result),
        groups=kind_groups(result),
        tables=tables(result),
    )
