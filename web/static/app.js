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

  window.kgqa = { el, getJSON }; // shared with graph.js

  document.addEventListener("DOMContentLoaded", () => {
    sparqlEditor();
  });
})();
