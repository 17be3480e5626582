"""Render an exported GraphML file to PNG: read it back with networkx, lay it out with the vendored
Cytoscape.js in Debian's Chromium, and save a screenshot.

    kgqa export --format graphml -o /tmp/graph.graphml
    python docs/render_export.py /tmp/graph.graphml docs/screenshots/export-graphml.png [--stated-only]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
CYTOSCAPE = ROOT / "web" / "static" / "vendor" / "cytoscape-3.35.0.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}#cy{width:1600px;height:1100px}
h1{font:20px sans-serif;position:absolute;left:16px;top:8px;margin:0}</style></head><body>
<h1>TITLE</h1><div id="cy"></div><script src="cytoscape.js"></script><script>
const els = ELEMENTS;
const cy = cytoscape({container: document.getElementById('cy'), elements: els, style: [
 {selector: 'node', style: {'background-color': 'data(color)', label: 'data(label)', 'font-size': 11, width: 16, height: 16}},
 {selector: 'edge', style: {width: 1.5, 'line-color': '#999', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
   'target-arrow-color': '#999', label: 'data(relation)', 'font-size': 8, color: '#666'}}],
 layout: {name: 'cose', animate: false, nodeRepulsion: 12000, idealEdgeLength: 90}});
document.title = 'done';
</script></body></html>"""


def main() -> None:
    """Read the GraphML, draw it, save the PNG."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graphml")
    ap.add_argument("png")
    ap.add_argument("--stated-only", action="store_true", help="leave out co-mention edges")
    args = ap.parse_args()
    # An independent reader of the export, not our own code; it keys each edge by its GraphML id.
    g = nx.read_graphml(args.graphml, force_multigraph=True)
    edges = [(a, b, k, d) for a, b, k, d in g.edges(keys=True, data=True)
             if not args.stated_only or d.get("kind") == "stated"]
    used = {a for a, *_ in edges} | {b for _, b, *_ in edges}
    elements = [{"data": {"id": n, "label": d.get("label", n), "color": d.get("color", "#888")}}
                for n, d in g.nodes(data=True) if n in used]
    elements += [{"data": {"id": k, "source": a, "target": b, "relation": d.get("relation", "")}}
                 for a, b, k, d in edges]
    title = f"{Path(args.graphml).name}: {len(used)} entities, {len(edges)} relations (read back with networkx)"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "cytoscape.js").write_bytes(CYTOSCAPE.read_bytes())
        page_path = Path(tmp) / "index.html"
        page_path.write_text(PAGE.replace("ELEMENTS", json.dumps(elements)).replace("TITLE", title), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1100})
            page.goto(page_path.as_uri())
            page.wait_for_function("document.title === 'done'", timeout=60_000)
            page.screenshot(path=args.png)
            browser.close()
    print(f"wrote {args.png}: {title}")


if __name__ == "__main__":
    main()
