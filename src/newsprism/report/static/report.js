(function () {
  "use strict";
  var doc = document;
  var active = null, hover = null, summary = null, finding = null;
  function each(selector, fn) { Array.prototype.forEach.call(doc.querySelectorAll(selector), fn); }
  function idsOf(el, attr) {
    var raw = el.getAttribute(attr) || "";
    var out = [];
    raw.split(" ").forEach(function (id) {
      var t = id ? doc.getElementById(id) : null;
      if (t) { out.push(t); }
    });
    return out;
  }

  // -- tabs: each button[role=tab] shows its panel (aria-controls) and hides the others
  function showTab(tab) {
    each("#views [role=tab]", function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      var panel = doc.getElementById(t.getAttribute("aria-controls") || "");
      if (panel) { panel.hidden = !on; }
    });
  }
  function reveal(el) {
    if (el && el.closest("tr.claim[hidden], .kind-group[hidden]")) { clearKinds(); }
    var panel = el ? el.closest("[role=tabpanel]") : null;
    if (panel && panel.hidden) {
      var tab = doc.querySelector("#views [aria-controls='" + panel.id + "']");
      if (tab) { showTab(tab); }
    }
  }
  function revealHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id) { reveal(doc.getElementById(id)); }
  }

  // -- kind filter: pressed kinds keep their claim rows and finding groups, hide the rest
  function applyFilter() {
    var kinds = [];
    each("#kind-filter .kind-toggle[aria-pressed=true]", function (b) { kinds.push(b.getAttribute("data-kind")); });
    var on = kinds.length > 0, shown = 0, total = 0;
    function wanted(list) { return list.some(function (k) { return kinds.indexOf(k) >= 0; }); }
    each("#claims tr.claim", function (row) {
      var keep = !on || wanted((row.getAttribute("data-kinds") || "").split(" "));
      row.hidden = !keep;
      total += 1;
      if (keep) { shown += 1; }
    });
    each("#findings .kind-group", function (g) { g.hidden = on && !wanted([g.getAttribute("data-kind")]); });
    var clear = doc.getElementById("kind-filter-clear");
    if (clear) { clear.hidden = !on; }
    var status = doc.getElementById("filter-status");
    if (status) { status.textContent = on ? shown + " of " + total + " claims shown" : ""; }
  }
  function toggleKind(button) {
    var pressed = button.getAttribute("aria-pressed") === "true";
    button.setAttribute("aria-pressed", pressed ? "false" : "true");
    applyFilter();
  }
  function clearKinds() {
    each("#kind-filter .kind-toggle", function (b) { b.setAttribute("aria-pressed", "false"); });
    applyFilter();
  }

  // -- sentences: a persistent selection lights up the aligned sentences in other columns
  function flag(el, self, other, on) {
    el.classList.toggle(self, on);
    idsOf(el, "data-links").forEach(function (t) { t.classList.toggle(other, on); });
  }
  function select(el) {
    var same = el === active;
    if (active) { flag(active, "is-active", "is-linked", false); active = null; }
    if (!el || same) { return; }
    active = el;
    flag(el, "is-active", "is-linked", true);
    idsOf(el, "data-links").slice(0, 1).forEach(function (t) { t.scrollIntoView({block: "nearest"}); });
  }
  function showSummary(li) {
    var same = li === summary;
    each(".is-evidence", function (e) { e.classList.remove("is-evidence"); });
    if (summary) { summary.classList.remove("is-active"); summary = null; }
    if (!li || same) { return; }
    summary = li;
    li.classList.add("is-active");
    each("mark.sum-ev", function (m) {
      if (m.getAttribute("data-summary") === li.id) { m.classList.add("is-evidence"); }
    });
    var targets = idsOf(li, "data-targets");
    targets.forEach(function (t) { t.classList.add("is-evidence"); });
    if (targets.length) { reveal(targets[0]); }
    var seen = targets.filter(function (t) { return t.getClientRects().length > 0; });
    if (seen.length) { seen[0].scrollIntoView({block: "center"}); }
  }
  function showFinding(li) {
    var same = li === finding;
    each("mark.is-focus", function (m) { m.classList.remove("is-focus"); });
    if (finding) { finding.classList.remove("is-active"); finding = null; }
    if (!li || same) { return; }
    finding = li;
    li.classList.add("is-active");
    var first = null;
    each("mark[data-finding]", function (m) {
      if (m.getAttribute("data-finding") === li.id) {
        m.classList.add("is-focus");
        if (!first && m.getClientRects().length > 0) { first = m; }
      }
    });
    if (first) { first.scrollIntoView({block: "nearest"}); }
  }

  doc.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    var link = t.closest("a[href^='#']");
    if (link) { reveal(doc.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)))); return; }
    if (t.closest("a")) { return; }
    var tab = t.closest("#views [role=tab]");
    if (tab) { showTab(tab); return; }
    var kind = t.closest("#kind-filter .kind-toggle");
    if (kind) { toggleKind(kind); return; }
    if (t.closest("#kind-filter-clear")) { clearKinds(); return; }
    var li = t.closest(".summary-sentence");
    if (li) { showSummary(li); return; }
    var sent = t.closest(".sent");
    if (sent) { select(sent); return; }
    var f = t.closest(".finding");
    if (f) { showFinding(f); }
  });
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.key === "Escape") { select(null); showSummary(null); showFinding(null); return; }
    if ((ev.key === "Enter" || ev.key === " ") && t instanceof Element) {
      if (t.classList.contains("sent")) { ev.preventDefault(); select(t); }
      else if (t.classList.contains("summary-sentence")) { ev.preventDefault(); showSummary(t); }
    }
  });
  doc.addEventListener("mouseover", function (ev) {
    var t = ev.target instanceof Element ? ev.target.closest(".sent") : null;
    if (t === hover) { return; }
    if (hover) { flag(hover, "is-hover", "is-hover-linked", false); }
    hover = t;
    if (t) { flag(t, "is-hover", "is-hover-linked", true); }
  });
  window.addEventListener("hashchange", revealHash);
  revealHash();
})();
