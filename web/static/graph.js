// The graph explorer (/graph) and an entity's neighbourhood (/entities/<id>), drawn with Cytoscape.js and fcose.
// Layouts are seeded, so the same graph is drawn the same way on every load; labels are placed by zoom level
// so that none overlaps another; colours come from the legend table the server sends.
(function () {
  "use strict";

  const SEED = 2014;
  const LABEL_PX = 12; // on-screen size of a label, whatever the zoom
  const HUB_LABEL_PX = 14;
  const LABEL_MAX_PX = 170; // longer names end in an ellipsis; the tooltip and panel give them whole
  const SVG = "http://www.w3.org/2000/svg";

  const { el, getJSON } = window.kgqa; // from app.js

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  // -- a seeded layout ------------------------------------------------------------------------

  // mulberry32: a small, well-mixed 32-bit generator; fcose and cose-base draw on Math.random.
  function seededRandom(seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // Runs a synchronous layout with Math.random replaced by a seeded generator, so two loads agree
  // (the server sends the elements in a fixed order, the other input the layout depends on).
  function runSeeded(cy, options) {
    const saved = Math.random;
    Math.random = seededRandom(SEED);
    try {
      cy.layout(Object.assign({ animate: false, fit: false }, options)).run();
    } finally {
      Math.random = saved;
    }
    // A wide drawing in a tall box (a phone) is shown transposed: a mirror image keeps every distance.
    const bb = cy.nodes().boundingBox();
    if ((bb.w > bb.h) !== (cy.width() > cy.height()) && Math.abs(bb.w - bb.h) > 0.05 * Math.max(bb.w, bb.h)) {
      cy.nodes().positions((n) => ({ x: n.position("y"), y: n.position("x") }));
    }
    cy.fit(undefined, options.padding);
  }

  function fcoseOptions(cy) {
    const many = cy.nodes().length > 60;
    return {
      // "proof" cools slowly: worth it for the stated relations, seconds too long with every co-mention
      name: "fcose", quality: cy.edges().length > 300 ? "default" : "proof", randomize: true, packComponents: false,
      padding: cy.width() < 500 ? 12 : 30,
      nodeRepulsion: () => (many ? 25000 : 9000),
      idealEdgeLength: (e) => (e.data("kind") === "co-mention" ? 120 : 90),
      edgeElasticity: (e) => (e.data("kind") === "co-mention" ? 0.2 : 0.45),
      gravity: 0.3, gravityRange: 3.0, numIter: 3000, nodeSeparation: 90, tile: true,
    };
  }

  // -- style from the legend table --------------------------------------------------------------

  function nodeSize(n) { return 10 + 3 * Math.sqrt(Math.min(n.degree(false), 36)); }

  function buildStyle(legend) {
    const style = [
      { selector: "node", style: { "background-color": "#888", width: nodeSize, height: nodeSize, label: "",
        "border-width": 1, "border-color": "#fff", "font-family": "system-ui, sans-serif", color: "#1d1d1f",
        // where and how large each label is drawn is set per node by placeLabels
        "text-valign": "data(lv)", "text-halign": "data(lh)", "text-margin-x": "data(mx)", "text-margin-y": "data(my)",
        "font-size": "data(fontSize)", "text-max-width": "data(labelWidth)", "text-wrap": "ellipsis",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": "data(pad)" } },
      { selector: "node.labelled", style: { label: "data(label)" } },
      { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 4)", "curve-style": "bezier",
        "arrow-scale": 0.7, opacity: 0.8 } },
    ];
    (legend.nodes || []).forEach((k) => style.push(
      { selector: `node[kind = "${k.kind}"]`, style: { "background-color": k.color } }));
    (legend.edges || []).forEach((k) => style.push(
      { selector: `edge[kind = "${k.kind}"]`, style: { "line-color": k.color, "target-arrow-color": k.color,
        "line-style": k.line, "target-arrow-shape": k.arrow ? "triangle" : "none" } }));
    style.push(
      { selector: "edge.focus", style: { opacity: 1, "line-color": "#555", "target-arrow-color": "#555" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "node.hit", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#0b5cad" } },
      { selector: "edge.path", style: { "line-color": "#d62728", "target-arrow-color": "#d62728", width: 4, opacity: 1 } },
      { selector: "node.path", style: { "border-width": 3, "border-color": "#d62728", opacity: 1 } });
    return style;
  }

  // -- labels by zoom level -------------------------------------------------------------------

  const measure = document.createElement("canvas").getContext("2d");

  function textWidth(text, px) {
    measure.font = `${px}px system-ui, sans-serif`;
    return Math.min(measure.measureText(text).width, LABEL_MAX_PX);
  }

  // Where a label may go, as Cytoscape aligns it, with the margin (rendered px) and the box it then takes.
  // (Cytoscape's own label box starts at the node's edge whatever the margin, so these boxes do too.)
  const GAP = 2;
  const LABEL_SPOTS = [
    { v: "bottom", h: "center", mx: 0, my: GAP,
      box: (p, r, w, h) => ({ x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y + r, y2: p.y + r + GAP + h }) },
    { v: "top", h: "center", mx: 0, my: -GAP,
      box: (p, r, w, h) => ({ x1: p.x - w / 2, x2: p.x + w / 2, y1: p.y - r - GAP - h, y2: p.y - r }) },
    { v: "center", h: "right", mx: GAP + 1, my: 0,
      box: (p, r, w, h) => ({ x1: p.x + r + GAP, x2: p.x + r + GAP + w, y1: p.y - h / 2, y2: p.y + h / 2 }) },
    { v: "center", h: "left", mx: -GAP - 1, my: 0,
      box: (p, r, w, h) => ({ x1: p.x - r - GAP - w, x2: p.x - r - GAP, y1: p.y - h / 2, y2: p.y + h / 2 }) },
  ];

  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }

  // Labels keep one on-screen size; the most important nodes get theirs first, and a label that would
  // overlap one already placed waits until the user zooms in far enough to make room for it.
  function placeLabels(cy) {
    const zoom = cy.zoom();
    const width = cy.width();
    const height = cy.height();
    const hubDegree = Math.max(6, ...cy.nodes().map((n) => n.degree(false))) * 0.5;
    const rank = (n) => (n.selected() ? 4 : 0) + (n.hasClass("path") || n.hasClass("hit") ? 3 : 0) +
      (n.hasClass("near") ? 2 : 0) - (n.hasClass("faded") ? 5 : 0);
    const order = cy.nodes().sort((a, b) => rank(b) - rank(a) || b.degree(false) - a.degree(false) ||
      (a.data("label") < b.data("label") ? -1 : 1));
    // Every drawn node's disc is taken room from the start, so a label never covers a node.
    const placed = cy.nodes().not(".faded").map((n) => {
      const p = n.renderedPosition();
      const r = (nodeSize(n) * zoom) / 2;
      return { x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r, node: n.id() };
    });
    // Each box is grown by what Cytoscape adds around a label (its text background, node borders that
    // scale with the zoom), so that drawn labels stay apart.
    const g = Math.max(2, 1 + zoom);
    const grow = (b) => ({ x1: b.x1 - g, x2: b.x2 + g, y1: b.y1 - g, y2: b.y2 + g });
    cy.batch(() => {
      order.forEach((n) => {
        const px = n.degree(false) >= hubDegree ? HUB_LABEL_PX : LABEL_PX;
        const p = n.renderedPosition();
        const w = textWidth(n.data("label"), px) + 4;
        const h = px * 1.45;
        const r = (nodeSize(n) * zoom) / 2;
        const free = (box) => box.x1 >= 0 && box.x2 <= width && box.y1 >= 0 && box.y2 <= height &&
          !placed.some((b) => b.node !== n.id() && overlaps(b, box));
        // below the node, else above it, else to its right or left: the first place that is free
        const spot = n.hasClass("faded") ? null : LABEL_SPOTS.map((s) => ({ s, box: grow(s.box(p, r, w, h)) }))
          .find((c) => free(c.box));
        // sizes in model units, so that on screen they stay the same at every zoom
        n.data({ fontSize: px / zoom, labelWidth: LABEL_MAX_PX / zoom, pad: 1 / zoom,
          lv: spot ? spot.s.v : "bottom", lh: spot ? spot.s.h : "center",
          mx: spot ? spot.s.mx / zoom : 0, my: spot ? spot.s.my / zoom : 0 });
        n.toggleClass("labelled", Boolean(spot));
        n.scratch("_labelBox", spot ? spot.box : null); // for checking against Cytoscape's own box
        if (spot) placed.push(spot.box);
      });
    });
  }

  function labelOnViewChange(cy) {
    let pending = false;
    cy.on("viewport resize", () => {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(() => { pending = false; placeLabels(cy); });
    });
  }

  let fcoseRegistered = false;

  function draw(container, elements, legend) {
    if (!fcoseRegistered) {
      window.cytoscape.use(window.cytoscapeFcose);
      fcoseRegistered = true;
    }
    // The label's size and place live in the data (placeLabels sets them for the zoom): they must be there
    // from the start.
    elements.nodes.forEach((n) => Object.assign(n.data, { fontSize: LABEL_PX, labelWidth: LABEL_MAX_PX, pad: 1,
      lv: "bottom", lh: "center", mx: 0, my: GAP }));
    const cy = window.cytoscape({ container, elements: elements.nodes.concat(elements.edges),
      style: buildStyle(legend), minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3, boxSelectionEnabled: false,
      selectionType: "single" });
    runSeeded(cy, fcoseOptions(cy));
    placeLabels(cy);
    labelOnViewChange(cy);
    container.dataset.nodes = String(cy.nodes().length);
    container.classList.add("rendered");
    return cy;
  }

  // -- the tooltip ----------------------------------------------------------------------------

  function reportsText(node) {
    return (node.data("reports") || []).map((r) => r.title).join("; ");
  }

  // Beside the point, flipped to its other side where it would run out of the graph.
  function showTip(tip, p, cy) {
    tip.hidden = false;
    const x = p.x + 12 + tip.offsetWidth > cy.width() ? p.x - 12 - tip.offsetWidth : p.x + 12;
    const y = p.y + 12 + tip.offsetHeight > cy.height() ? p.y - 12 - tip.offsetHeight : p.y + 12;
    // CSSOM, not a style attribute: the page's CSP forbids inline styles, not script-set positions.
    tip.style.left = `${Math.round(Math.max(0, x))}px`;
    tip.style.top = `${Math.round(Math.max(0, y))}px`;
  }

  function tooltip(cy, tip) {
    if (!tip) return;
    cy.on("mouseover", "node", (evt) => {
      const n = evt.target;
      tip.replaceChildren(el("strong", n.data("label")), el("span", ` ${n.data("kind")}`, { class: "kind" }));
      const name = n.data("name") || "";
      if (name && name !== n.data("label")) {
        tip.appendChild(el("div", name.length > 140 ? `${name.slice(0, 139)}…` : name));
      }
      if (reportsText(n)) tip.appendChild(el("div", reportsText(n), { class: "meta" }));
      showTip(tip, n.renderedPosition(), cy);
    });
    cy.on("mouseover", "edge", (evt) => {
      const e = evt.target;
      tip.replaceChildren(el("strong", e.source().data("label")), el("span", ` ${e.data("relation")} `),
        el("strong", e.target().data("label")));
      showTip(tip, e.renderedMidpoint(), cy);
    });
    cy.on("mouseout", "node, edge", () => { tip.hidden = true; });
    cy.on("viewport tapstart", () => { tip.hidden = true; });
  }

  // -- the legend -----------------------------------------------------------------------------

  function swatchNode(colour) {
    const s = svg("svg", { class: "swatch", viewBox: "0 0 12 12", width: "12", height: "12", "aria-hidden": "true" });
    s.appendChild(svg("circle", { cx: "6", cy: "6", r: "5.5", fill: colour }));
    return s;
  }

  function swatchEdge(kind) {
    const s = svg("svg", { class: "swatch line", viewBox: "0 0 28 12", width: "28", height: "12",
      "aria-hidden": "true" });
    s.appendChild(svg("line", { x1: "1", y1: "6", x2: kind.arrow ? "20" : "27", y2: "6", stroke: kind.color,
      "stroke-width": "2", "stroke-dasharray": kind.line === "dashed" ? "4 3" : "none" }));
    if (kind.arrow) s.appendChild(svg("polygon", { points: "20,2 27,6 20,10", fill: kind.color }));
    return s;
  }

  function drawLegend(box, legend) {
    if (!box) return;
    const nodes = el("ul", null, { class: "legend-kinds" });
    legend.nodes.forEach((k) => {
      const li = el("li", null, { "data-kind": k.kind, class: k.count ? "" : "absent" });
      li.append(swatchNode(k.color), el("span", k.kind), el("span", ` ${k.count}`, { class: "count" }));
      nodes.appendChild(li);
    });
    const edges = el("ul", null, { class: "legend-relations" });
    legend.edges.forEach((k) => {
      const li = el("li", null, { "data-kind": k.kind, class: k.count ? "" : "absent" });
      const text = el("span", k.label);
      text.appendChild(el("span", ` ${k.count}`, { class: "count" }));
      li.append(swatchEdge(k), text);
      edges.appendChild(li);
    });
    box.replaceChildren(el("h2", "Legend"), nodes, edges);
  }

  // -- the side panel -------------------------------------------------------------------------

  function entityApi(base, id) {
    return base + id.split("/").map(encodeURIComponent).join("/");
  }

  function panelHeader(panel, node, onClose) {
    const close = el("button", "×", { type: "button", class: "close", "aria-label": "Close the panel" });
    close.addEventListener("click", onClose);
    const kind = el("p", null, { class: "kind" });
    kind.append(swatchNode(node.style("background-color")), el("span", ` ${node.data("kind")}`));
    panel.replaceChildren(close, el("h2", node.data("label")), kind);
    if (node.data("name") && node.data("name") !== node.data("label")) {
      panel.appendChild(el("p", node.data("name"), { class: "full-name" }));
    }
    const dl = el("dl");
    const reports = node.data("reports") || [];
    if (reports.length) {
      dl.append(el("dt", reports.length > 1 ? "Reports" : "Report"), el("dd", reports.map((r) => r.title).join("; ")));
    }
    const aliases = node.data("aliases") || [];
    if (aliases.length) dl.append(el("dt", "Also called"), el("dd", aliases.join(", ")));
    if (dl.childNodes.length) panel.appendChild(dl);
    panel.appendChild(el("p", null, { class: "entity-link" })).appendChild(
      el("a", `Open the page of ${node.data("label")} →`, { href: node.data("url") }));
  }

  function relationList(group, onPick) {
    const section = el("section", null, { class: `relation ${group.kind}` });
    section.appendChild(el("h3", group.relation));
    const ul = section.appendChild(el("ul"));
    const shown = group.items.slice(0, 8);
    shown.forEach((item) => {
      const li = el("li");
      const a = el("a", item.label, { href: item.url, "data-id": item.id });
      a.addEventListener("click", (evt) => { if (onPick(item.id)) evt.preventDefault(); });
      li.append(a, el("span", ` ${item.kind} `, { class: "kind" }));
      if (item.quote) li.appendChild(el("q", item.quote.length > 160 ? `${item.quote.slice(0, 157)}…` : item.quote));
      (item.evidence || []).slice(0, 3).forEach((ev, i) => {
        li.append(" ", el("a", `[${i + 1}]`, { href: ev.url, class: "cite", title: ev.ref }));
      });
      ul.appendChild(li);
    });
    const more = group.items.length - shown.length;
    if (more > 0) section.appendChild(el("p", `and ${more} more on the entity page`, { class: "hint" }));
    return section;
  }

  async function fillPanel(panel, node, api, onClose, onPick) {
    panel.classList.remove("loaded"); // "loaded" says this node's relations are in, not the last node's
    panelHeader(panel, node, onClose);
    panel.classList.add("open");
    panel.dataset.node = node.id();
    const box = panel.appendChild(el("div", null, { class: "relations" }));
    box.appendChild(el("p", "Loading relations…", { class: "hint" }));
    try {
      const data = await getJSON(entityApi(api, node.id()));
      if (panel.dataset.node !== node.id()) return; // another node was picked meanwhile
      box.replaceChildren(el("h3", "Relations", { class: "relations-title" }));
      data.relations.forEach((g) => box.appendChild(relationList(g, onPick)));
      if (!data.relations.length) box.appendChild(el("p", "No relations."));
      panel.classList.add("loaded");
    } catch (err) {
      box.replaceChildren(el("p", err.message, { class: "error" }));
    }
  }

  // -- the pages ------------------------------------------------------------------------------

  async function entityNeighbourhood() {
    const box = document.getElementById("neighbourhood");
    if (!box || !window.cytoscape) return;
    const data = JSON.parse(box.dataset.graph); // the page carries its own neighbourhood
    const cy = draw(box, data, data.legend);
    cy.on("tap", "node", (evt) => { window.location.href = evt.target.data("url"); });
  }

  async function graphExplorer() {
    const box = document.getElementById("graph");
    if (!box || !window.cytoscape) return;
    const form = document.getElementById("graph-controls");
    const hops = document.getElementById("path-hops");
    const panel = document.getElementById("graph-panel");
    const intro = Array.from(panel.childNodes);
    const narrow = window.matchMedia("(max-width: 50rem)"); // as in style.css
    const options = document.getElementById("graph-options");
    if (narrow.matches && options) options.open = false; // on a phone the graph comes first
    let cy = null;

    function clearSelection() {
      if (!cy) return;
      cy.elements().removeClass("faded near focus");
      cy.nodes().unselect();
      panel.classList.remove("open", "loaded");
      delete panel.dataset.node;
      panel.replaceChildren(...intro);
      placeLabels(cy);
    }

    function select(node) {
      cy.elements().removeClass("faded near focus hit");
      const near = node.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
      near.nodes().addClass("near");
      node.connectedEdges().addClass("focus");
      cy.nodes().unselect();
      node.select();
      placeLabels(cy);
      if (narrow.matches) {
        // The panel is a bottom sheet here: bring the graph to the top of the screen and zoom to the node's
        // neighbours, which a phone's overview draws too small to tell apart.
        box.parentElement.scrollIntoView({ block: "start" });
        cy.fit(near, 24);
        if (cy.zoom() > 2) cy.zoom({ level: 2, position: node.position() });
      }
      fillPanel(panel, node, box.dataset.entityApi, clearSelection, (id) => {
        const other = cy.getElementById(id);
        if (!other.length) return false; // not drawn with these filters: follow the link instead
        select(other);
        cy.animate({ center: { eles: other } }, { duration: 250 });
        return true;
      });
    }

    async function load() {
      const kinds = Array.from(form.querySelectorAll("input[name=kind]:checked")).map((i) => i.value);
      const params = new URLSearchParams({ kinds: kinds.join(","), relation_kind: form.relation_kind.value });
      const data = await getJSON(`${box.dataset.elements}?${params}`);
      if (cy) cy.destroy();
      box.classList.remove("rendered");
      cy = draw(box, data, data.legend);
      drawLegend(document.getElementById("graph-legend"), data.legend);
      tooltip(cy, document.getElementById("graph-tip"));
      cy.on("tap", "node", (evt) => select(evt.target));
      cy.on("tap", (evt) => { if (evt.target === cy) clearSelection(); });
      panel.replaceChildren(...intro);
      panel.classList.remove("open", "loaded");
      window.kgqaGraph = cy; // for the browser tests and the curious
    }

    function find(name) {
      const want = name.trim().toLowerCase();
      cy.elements().removeClass("hit faded");
      if (!want) return;
      // a recommendation's "name" is its whole text: finding "Met" should not find every one that names the Met
      const names = (n) => [n.data("label"), ...(n.data("aliases") || []),
        n.data("kind") === "recommendation" ? "" : n.data("name")];
      const hits = cy.nodes().filter((n) => names(n).some((x) => x && x.toLowerCase().includes(want)));
      cy.elements().not(hits).addClass("faded");
      hits.addClass("hit");
      if (hits.length) cy.fit(hits, 80);
      if (hits.length === 1) select(hits[0]);
      placeLabels(cy);
    }

    async function path(from, to) {
      hops.replaceChildren();
      cy.elements().removeClass("path");
      if (!from.trim() || !to.trim()) return;
      try {
        const data = await getJSON(`${box.dataset.path}?${new URLSearchParams({ from, to })}`);
        data.nodes.forEach((id) => cy.getElementById(id).addClass("path"));
        data.hops.forEach((h) => {
          cy.edges().filter((e) => e.data("relation") === h.relation && (
            (e.data("source") === h.source && e.data("target") === h.target) ||
            (e.data("source") === h.target && e.data("target") === h.source))).addClass("path");
          const li = el("li", `${h.source_label} — ${h.relation} — ${h.target_label}: “${h.quote || ""}” `);
          (h.evidence || []).slice(0, 2).forEach((ev, i) => li.appendChild(el("a", `[${i + 1}]`, { href: ev.url })));
          hops.appendChild(li);
        });
        placeLabels(cy);
      } catch (err) {
        hops.appendChild(el("li", err.message, { class: "error" }));
      }
    }

    document.querySelectorAll("[data-zoom]").forEach((b) => b.addEventListener("click", () => {
      if (!cy) return;
      if (b.dataset.zoom === "fit") { cy.fit(undefined, 30); return; }
      const factor = b.dataset.zoom === "in" ? 1.4 : 1 / 1.4;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    }));
    form.addEventListener("submit", async (evt) => {
      evt.preventDefault();
      await load();
      find(form.find.value);
      await path(form.from.value, form.to.value);
    });
    await load();
  }

  document.addEventListener("DOMContentLoaded", () => {
    entityNeighbourhood().catch((e) => console.error(e));
    graphExplorer().catch((e) => console.error(e));
  });
})();
