"""The entity and passage pages' lists, read from the graph, against the regex scan of every text they replaced.

    python -m benchmarks.entity_lists [--build-dir DIR]

For every entity of the bundled report, the recommendations, statements and passages its page lists now
(the named query entity-mentions) against those the old page found by matching the entity's names (label,
full name, aliases of three characters or more) as whole words in every text; for every passage, the
entities its page links (its kg:mentions) against the names found in its text. Prints counts: old, new, only
in the old lists, only in the new ones, and the old-only items by the entity's kind.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from collections import Counter
from urllib.parse import quote


def old_pattern(data: dict) -> re.Pattern | None:
    """The old pages' pattern for an entity: any of its names of 3+ characters as whole words."""
    forms = sorted((f for f in {data.get("label", ""), data.get("name", ""), *data.get("aliases", [])} if len(f) >= 3),
                   key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])") if forms else None


def main() -> None:
    """Print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", help="where the app's build goes (default: a temporary folder)")
    args = parser.parse_args()
    from web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "ENCODER": "hashing", "BUILD_DIR": args.build_dir or tmp})
        client, svc = app.test_client(), app.extensions["kgqa"]
        with app.app_context():
            nodes, reports = list(svc.network.nodes(data=True)), svc.reports
        totals = {k: Counter() for k in ("recommendations", "statements", "passages")}
        old_only_kinds = Counter()
        for node, data in nodes:
            pattern = old_pattern(data)
            old = {k: set() for k in totals}
            for r in reports if pattern else []:
                old["recommendations"] |= {rec.id for rec in r.recommendations if pattern.search(rec.text)
                                           or any(pattern.search(n) for n in rec.addressee_names)}
                old["statements"] |= {s.id for s in r.statements
                                      if pattern.fullmatch(s.speaker_name or "") or pattern.search(s.content)}
                old["passages"] |= {p.id for p in r.passages if pattern.search(p.text)}
            page = client.get("/api/entities/" + quote(node)).get_json()
            rec_ids = {(r.id, rec.label): rec.id for r in reports for rec in r.recommendations}
            new = {"recommendations": {rec_ids[(x["report"], x["label"])] for x in page["recommendations"]},
                   "statements": {s["id"] for s in page["statements"]}, "passages": {p["id"] for p in page["passages"]}}
            for k in totals:
                totals[k].update(old=len(old[k]), new=len(new[k]), old_only=len(old[k] - new[k]),
                                 new_only=len(new[k] - old[k]))
                old_only_kinds[(k, data["kind"])] += len(old[k] - new[k])
        print(f"entity pages ({len(nodes)} entities):")
        for k, c in totals.items():
            print(f"  {k}: old {c['old']}, new {c['new']}, only old {c['old_only']}, only new {c['new_only']}")
        print("  only in the old lists, by list and entity kind:",
              ", ".join(f"{k} of {kind} {n}" for (k, kind), n in sorted(old_only_kinds.items()) if n))
        patterns = [(n, old_pattern(d)) for n, d in nodes if d.get("kind") != "recommendation"]
        c = Counter()
        passages = [p for r in reports for p in r.passages]
        for p in passages:
            old = {n for n, pat in patterns if pat and pat.search(p.text)}
            new = {e["id"] for e in client.get(f"/api/passages/{p.id}").get_json()["entities"]}
            c.update(old=len(old), new=len(new), old_only=len(old - new), new_only=len(new - old))
        print(f"passage pages ({len(passages)} passages): entity links old {c['old']}, new {c['new']}, "
              f"only old {c['old_only']}, only new {c['new_only']}")
        svc.close()


if __name__ == "__main__":
    main()
