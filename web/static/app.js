// The few interactive parts: the graph explorer, an entity's neighbourhood, the SPARQL editor.
// Everything else works without JavaScript.
(function () {
  "use strict";

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  const STYLE = [
    { selector: "node", style: { "background-color": "data(color)", label: "data(label)", "font-size": 9,
      "text-valign": "bottom", "text-halign": "center", width: 14, height: 14, color: "#222" } },
    { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 5)", "line-color": "#bbb", "curve-style": "bezier",
      "target-arrow-shape": "triangle", "target-arrow-color": "#bbb", "arrow-scale": 0.6 } },
    { selector: "edge[kind = 'co-mention']", style: { "line-style": "dashed", "target-arrow-shape": "none", "line-color": "#ddd" } },
    { selector: ".faded", style: { opacity: 0.15 } },
    { selector: ".hit", style: { "border-width": 3, "border-color": "#000", width: 22, height: 22 } },
    { selector: ".path", style: { "line-color": "#d62728", "target-arrow-color": "#d62728", width: 4, "border-width": 3,
      "border-color": "#d62728", opacity: 1 } },
  ];

  function drawNetwork(container, elements) {
    const cy = window.cytoscape({ container, elements: elements.nodes.concat(elements.edges), style: STYLE,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 }, wheelSensitivity: 0.3 });
    cy.on("tap", "node", (evt) => { window.location.href = evt.target.data("url"); });
    container.dataset.nodes = String(cy.nodes().length);
    container.classList.add("rendered");
    return cy;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  async function entityNeighbourhood() {
    const box = document.getElementById("neighbourhood");
    if (!box || !window.cytoscape) return;
    drawNetwork(box, JSON.parse(box.dataset.graph)); // the page carries its own neighbourhood
  }

  async function graphExplorer() {
    const box = document.getElementById("graph");
    if (!box || !window.cytoscape) return;
    const form = document.getElementById("graph-controls");
    const hops = document.getElementById("path-hops");
    let cy = null;

    async function load() {
      const kinds = Array.from(form.querySelectorAll("input[name=kind]:checked")).map((i) => i.value);
      const params = new URLSearchParams({ kinds: kinds.join(","), relation_kind: form.relation_kind.value });
      const data = await getJSON(`${box.dataset.elements}?${params}`);
      if (cy) cy.destroy();
      cy = drawNetwork(box, data);
    }

    function find(name) {
      const want = name.trim().toLowerCase();
      cy.elements().removeClass("hit faded");
      if (!want) return;
      const hits = cy.nodes().filter((n) => n.data("label").toLowerCase().includes(want));
      cy.elements().not(hits).addClass("faded");
      hits.addClass("hit");
      if (hits.length) cy.fit(hits, 80);
    }

    async function path(from, to) {
      hops.replaceChildren();
      cy.elements().removeClass("path");
      if (!from.trim() || !to.trim()) return;
      try {
        const data = await getJSON(`${box.dataset.path}?${new URLSearchParams({ from, to })}`);
        data.nodes.forEach((id) => cy.getElementById(id).addClass("path"));
        data.hops.forEach((h) => {
          cy.edges().filter((e) => (e.data("source") === h.source && e.data("target") === h.target) ||
            (e.data("source") === h.target && e.data("target") === h.source)).addClass("path");
          const li = el("li", `${h.source_label} — ${h.relation} — ${h.target_label}: “${h.quote || ""}” `);
          (h.evidence || []).slice(0, 2).forEach((ev, i) => li.appendChild(el("a", `[${i + 1}]`, { href: ev.url })));
          hops.appendChild(li);
        });
      } catch (err) {
        hops.appendChild(el("li", err.message, { class: "error" }));
      }
    }

    form.addEventListener("submit", async (evt) => {
      evt.preventDefault();
      await load();
      find(form.find.value);
      await path(form.from.value, form.to.value);
    });
    await load();
  }

  function sparqlEditor() {
    // The form works without JavaScript (the server renders the results); this adds download links and examples.
    const form = document.getElementById("sparql-form");
    if (!form) return;
    const link = (fmt) => `${form.action}?${new URLSearchParams({ query: form.query.value, format: fmt, download: "1" })}`;
    document.getElementById("download-csv").addEventListener("click", (e) => { e.currentTarget.href = link("csv"); });
    document.getElementById("download-json").addEventListener("click", (e) => { e.currentTarget.href = link("json"); });
    document.querySelectorAll("a.example").forEach((a) => a.addEventListener("click", (e) => {
      e.preventDefault();
      form.query.value = a.dataset.query;
    }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    entityNeighbourhood().catch((e) => console.error(e));
    graphExplorer().catch((e) => console.error(e));
    sparqlEditor();
  });
})();
