// Small helpers shared with graph.js, and the SPARQL editor; the graph explorer is in graph.js.
// Everything else works without JavaScript.
(function () {
  "use strict";

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || response.statusText);
    return body;
  }

  function sparqlEditor() {
    const form = document.getElementById("sparql-form");
    if (!form) return;
    const results = document.getElementById("results");
    const link = (fmt) => `${form.action}?${new URLSearchParams({ query: form.query.value, format: fmt, download: "1" })}`;
    document.getElementById("download-csv").addEventListener("click", (e) => { e.currentTarget.href = link("csv"); });
    document.getElementById("download-json").addEventListener("click", (e) => { e.currentTarget.href = link("json"); });
    document.querySelectorAll("a.example").forEach((a) => a.addEventListener("click", (e) => {
      e.preventDefault();
      form.query.value = a.dataset.query;
    }));
    form.addEventListener("submit", async (evt) => {
      if (form.format.value !== "json") return; // CSV and TSV go to the browser as they are
      evt.preventDefault();
      results.replaceChildren(el("p", "Running…"));
      try {
        const data = await getJSON(`${form.action}?${new URLSearchParams({ query: form.query.value })}`);
        results.replaceChildren();
        if ("boolean" in data) { results.appendChild(el("p", `ASK: ${data.boolean}`)); return; }
        const vars = data.head.vars;
        const table = el("table");
        const head = el("tr");
        vars.forEach((v) => head.appendChild(el("th", v)));
        table.appendChild(el("thead")).appendChild(head);
        const body = table.appendChild(el("tbody"));
        data.results.bindings.forEach((b) => {
          const tr = el("tr");
          vars.forEach((v) => tr.appendChild(el("td", b[v] ? b[v].value : "")));
          body.appendChild(tr);
        });
        results.appendChild(el("p", `${data.results.bindings.length} rows`));
        results.appendChild(table);
      } catch (err) {
        results.replaceChildren(el("p", err.message, { class: "error" }));
      }
    });
  }

  window.kgqa = { el, getJSON }; // shared with graph.js

  document.addEventListener("DOMContentLoaded", () => {
    sparqlEditor();
  });
})();
