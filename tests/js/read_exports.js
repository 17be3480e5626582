#!/usr/bin/env node
// Read exports with the parsers the visualisation tools use and print what each parser saw: a JSON array with
// one entry per argument, in order.
//
//   node read_exports.js READER=FILE [READER=FILE ...]
//
// READER is one of: graphology-graphml, graphology-gexf (Gephi Lite and sigma.js), cytoscape-graphml and
// cytoscape-json (cytoscape.js), and jsonld (jsonld.js, the JSON-LD Playground's processor).
// A network reader prints {nodes, edges, node: {id: attributes}, edge: {id: {source, target, ...attributes}}};
// jsonld prints {quads, graphs: {graph name: triples}}; any reader prints {error} when it refuses the file.
'use strict';

const fs = require('fs');

function graphologySummary(graph) {
  const node = {};
  graph.forEachNode((id, a) => { node[id] = a; });
  const edge = {};
  graph.forEachEdge((id, a, source, target) => { edge[id] = {...a, source, target}; });
  return {nodes: graph.order, edges: graph.size, type: graph.type, multi: graph.multi, node, edge};
}

function cytoscapeSummary(cy) {
  const node = {};
  cy.nodes().forEach((n) => { node[n.id()] = n.data(); });
  const edge = {};
  cy.edges().forEach((e) => { edge[e.id()] = e.data(); });
  return {nodes: cy.nodes().length, edges: cy.edges().length, node, edge};
}

function headlessCytoscape() {
  const cytoscape = require('cytoscape');
  // cytoscape-graphml adds each element with an empty style bypass, which cytoscape warns about per element.
  cytoscape.warnings(false);
  return cytoscape({headless: true, styleEnabled: false});
}

let graphmlRegistered = false;

function registerGraphml() {
  // cytoscape-graphml reads the XML with jQuery, which needs a DOM: jsdom gives it one under node.
  if (graphmlRegistered) return;
  const {JSDOM} = require('jsdom');
  const $ = require('jquery')(new JSDOM('').window);
  require('cytoscape-graphml')(require('cytoscape'), $);
  graphmlRegistered = true;
}

const READERS = {
  'graphology-graphml': (text) => {
    const Graph = require('graphology');
    return graphologySummary(require('graphology-graphml').parse(Graph, text));
  },
  'graphology-gexf': (text) => {
    const Graph = require('graphology');
    return graphologySummary(require('graphology-gexf').parse(Graph, text));
  },
  'cytoscape-graphml': (text) => {
    registerGraphml();
    const cy = headlessCytoscape();
    cy.graphml({layoutBy: () => {}}); // no layout: only the elements are checked
    cy.graphml(text);
    return cytoscapeSummary(cy);
  },
  'cytoscape-json': (text) => {
    const doc = JSON.parse(text);
    const cy = headlessCytoscape();
    cy.add(doc.elements);
    return cytoscapeSummary(cy);
  },
  'jsonld': async (text) => {
    const quads = await require('jsonld').toRDF(JSON.parse(text));
    const graphs = {};
    for (const q of quads) {
      const name = q.graph.termType === 'DefaultGraph' ? '' : q.graph.value;
      graphs[name] = (graphs[name] || 0) + 1;
    }
    return {quads: quads.length, graphs};
  },
};

async function main(args) {
  if (args.length === 0) {
    process.stderr.write('usage: node read_exports.js READER=FILE ...; readers: ' + Object.keys(READERS).join(', ') + '\n');
    return 2;
  }
  const out = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const reader = arg.slice(0, eq);
    if (eq < 1 || !(reader in READERS)) {
      process.stderr.write(`unknown reader in ${JSON.stringify(arg)}; use one of: ${Object.keys(READERS).join(', ')}\n`);
      return 2;
    }
    try {
      out.push(await READERS[reader](fs.readFileSync(arg.slice(eq + 1), 'utf8')));
    } catch (err) {
      out.push({error: String(err && err.message ? err.message : err)});
    }
  }
  process.stdout.write(JSON.stringify(out));
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
