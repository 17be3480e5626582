"""The project's modules import each other without cycles: every import counts, at module level or inside a
function, since a deferred import that closes a cycle still ties the two modules into one."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "ingest", "qa", "web")


def _modules() -> dict[str, Path]:
    """Every module of the project's packages by dotted name."""
    out = {}
    for pkg in PACKAGES:
        for f in (ROOT / pkg).rglob("*.py"):
            parts = f.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    return out


def import_graph() -> nx.DiGraph:
    """Module -> the project modules it imports (anywhere in its text), from the source by ast."""
    modules = _modules()
    g = nx.DiGraph()
    g.add_nodes_from(modules)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]  # "from . import views" names a module
            else:
                continue
            g.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return g


def test_the_import_graph_sees_the_imports():
    g = import_graph()
    assert g.has_edge("web.pages", "web.views") and g.has_edge("web.app", "web.pages")  # "from . import views"; in a function
    assert g.has_edge("qa.corpus", "qa.build") and g.has_edge("graph.remote_network", "graph.network")


def test_no_import_cycles():
    cycles = sorted(" -> ".join(c + [c[0]]) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_check_finds_a_cycle(tmp_path, monkeypatch):
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("")
    (tmp_path / "web" / "a.py").write_text("from .b import x\n")
    (tmp_path / "web" / "b.py").write_text("def f():\n    from web import a\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)  # _modules() reads ROOT from this module
    assert [sorted(c) for c in nx.simple_cycles(import_graph())] == [["web.a", "web.b"]]


def test_stages_import_only_the_stages_before_them():
    """ingest/ -> graph/ -> qa/ -> web/: a stage never imports one after it (the README's data flow)."""
    order = {pkg: i for i, pkg in enumerate(("ingest", "graph", "qa", "web"))}
    backwards = sorted(f"{a} -> {b}" for a, b in import_graph().edges
                       if order[b.split(".")[0]] > order[a.split(".")[0]])
    assert backwards == []
