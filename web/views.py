"""The data behind each page and its JSON twin: one builder per page, shared by both."""
from __future__ import annotations

import re
from urllib.parse import quote

from flask import current_app, url_for

from qa.cite import transcript_places

from . import explorer
from .entity_names import entity_forms
from .errors import ApiError, NotFound
from .params import whole_number
from .services import services
from .urls import entity_url, note_url, passage_url

FILTERS = ("report", "section", "speaker", "entity", "source_kind")
# The index holds words of ASCII letters and digits (after folding); a question with none has nothing to look up.
QUESTION_WORD = re.compile(r"[A-Za-z0-9]")
MAX_OFFSET = 10**9


# -- asking ---------------------------------------------------------------------------------
def parse_k(raw) -> int:
    """k from a request: a whole number from 1 to MAX_K, else a 400."""
    cfg = current_app.config
    return whole_number(raw, "k", 1, int(cfg["MAX_K"]), int(cfg["DEFAULT_K"]))


def ask_data(question: str | None, k_raw=None, filters: dict | None = None) -> dict:
    """The /api/ask answer for a question, validated."""
    from qa.errors import BadFilter, QAError

    question = question or ""
    limit = int(current_app.config["MAX_QUESTION_CHARS"])
    if len(question) > limit:  # counted as sent, as the OpenAPI maxLength counts it
        raise ApiError(f"the question is {len(question)} characters; the limit is {limit}")
    question = question.strip()
    if not question:
        raise ApiError("the question is empty: pass it as q=...")
    if "\x00" in question:
        raise ApiError("the question holds a NUL character")
    if not QUESTION_WORD.search(question):
        raise ApiError("the question has no letter or digit (A-Z, 0-9) to search for")
    k = parse_k(k_raw)
    filters = {f: v.strip() for f, v in (filters or {}).items() if f in FILTERS and v and v.strip()}
    svc = services()
    qa = svc.qa  # once: a progressive start may switch to the whole build while this question is answered
    try:
        result = qa.ask(question, k=k, **filters)
    except BadFilter as exc:  # like an unknown entity on /api/path: what the request names is not there
        raise NotFound(str(exc)) from None
    except QAError as exc:
        raise ApiError(str(exc)) from None
    result["retrieval"] = retrieval_note(qa.retrieval, svc.index_state()["state"])
    return result


# What a reader is told about an answer ranked before the dense index is ready (a progressive start).
LEXICAL_NOTICE = {
    "building": "Lexical answer: the service has just started and is still building its dense index, so passages are "
                "ranked by their words (BM25) and the knowledge graph, without the embedding model, and \"not found\" "
                "does not yet use the model's similarity. Answers switch to the full hybrid ranking on their own once "
                "the index is ready.",
    "failed": "Lexical answer: building the dense index failed (see /api/health), so passages are ranked by their words "
              "(BM25) and the knowledge graph only, and \"not found\" does not use the model's similarity.",
}


def retrieval_note(mode: str, state: str) -> dict:
    """The answer's "retrieval" field: mode (hybrid or lexical), the dense index's state (ready, building, failed)
    and, for a lexical answer, the notice the ask page shows."""
    if mode == "hybrid":
        return {"mode": "hybrid", "index": "ready"}
    state = state if state in LEXICAL_NOTICE else "building"  # "ready" here: the switch came after this answer
    return {"mode": "lexical", "index": state, "notice": LEXICAL_NOTICE[state]}


def filter_choices() -> dict:
    """Values the ask page offers in its filters."""
    svc = services()
    speakers = sorted({s.speaker_name for r in svc.reports for s in r.statements if s.speaker_kind != "group"})
    sections = [(s.id, s.title) for r in svc.reports for s in r.sections]
    kinds = sorted({src.kind for r in svc.reports for n in r.notes for src in n.sources})
    return {"reports": [(r.id, r.title) for r in svc.reports], "speakers": speakers, "sections": sections,
            "source_kinds": kinds}


# -- passages -------------------------------------------------------------------------------
def find_passage(pid: str):
    """(report, passage) for an id, else a 404."""
    found = services().passage_index.get(pid)
    if found is None:
        raise NotFound(f"no passage {pid!r}")
    return found


def notes_of(report, numbers) -> list[dict]:
    """Notes in full, with sources, and 'missing from the source text' where a note was lost."""
    out = []
    for n in numbers:
        note = report.note(n)
        if note is None:
            continue
        out.append({"number": n, "status": note.status,
                    "text": note.text if note.text is not None else "missing from the source text",
                    "sources": [_source_dict(s) for s in note.sources], "url": note_url(report.id, n)})
    return out


def _source_dict(s) -> dict:
    return {"label": s.label, "kind": s.kind, "person": s.person_name, "organisation": s.organisation,
            "date": s.date, "meeting": s.meeting, "url": s.url, "code": s.code, "title": s.title,
            "questions": s.questions, "transcripts": transcript_places(s)}


def passage_data(pid: str) -> dict:
    """A passage in context: its section's passages, notes in full, statements and the entities it names."""
    report, p = find_passage(pid)
    sections = {s.id: s for s in report.sections}
    section = sections[p.section]
    context = [{"id": q.id, "text": q.text, "page": q.page, "url": passage_url(q.id), "current": q.id == p.id}
               for q in report.passages if q.section == p.section]
    statements = [{"id": s.id, "speaker": s.speaker_name, "speaker_kind": s.speaker_kind, "verb": s.verb,
                   "content": s.content, "quote": s.quote, "note": s.note, "date": s.date}
                  for s in report.statements if s.passage == p.id]
    return {"id": p.id, "text": p.text, "report": {"id": report.id, "title": report.title},
            "section": {"id": section.id, "title": section.title,
                        "parent": sections[section.parent].title if section.parent else None},
            "page": p.page, "page_end": p.page_end, "start": p.start, "end": p.end, "kind": p.kind,
            "url": passage_url(p.id), "notes": notes_of(report, p.notes), "statements": statements,
            "entities": entities_named_in(report, p), "context": context}


def note_data(rid: str, number: int) -> dict:
    """One note, with the passages that cite it."""
    report = services().report(rid)
    if report is None or report.note(number) is None:
        raise NotFound(f"no note {number} in report {rid!r}")
    [note] = notes_of(report, [number])
    note["report"] = {"id": report.id, "title": report.title}
    note["cited_by"] = [{"id": p.id, "text": p.text, "page": p.page, "url": passage_url(p.id)}
                        for p in report.passages if number in p.notes]
    return note


# -- entities -------------------------------------------------------------------------------
def entities_named_in(report, passage) -> list[dict]:
    """The entities a passage names (its kg:mentions in the graph), for links from the passage page."""
    from graph.build import Iris
    from graph.network import node_id

    svc = services()
    iri = Iris(svc.base_iri).passage(report.id, passage.id)
    rows = svc.engine.query(f"SELECT DISTINCT ?e WHERE {{ <{iri}> kg:mentions ?e }}").rows
    net, keys = svc.network, [node_id(r["e"]) for r in rows]
    if hasattr(net, "node_data"):
        net.node_data(keys)  # a STORE's network: every name in one query, kept for this request
    out = [{"id": k, "label": net.nodes[k]["label"], "kind": net.nodes[k]["kind"], "url": entity_url(k)}
           for k in keys if k in net]
    return sorted(out, key=lambda e: e["label"].lower())


def entity_list(q: str | None = None, kind: str | None = None) -> dict:
    """Entities, optionally those whose names contain q, or of one kind."""
    net = services().network
    want = (q or "").strip().lower()
    items = []
    for node, data in net.nodes(data=True):
        if kind and data.get("kind") != kind:
            continue
        if want and not any(want in f.lower() for f in [data.get("label", ""), *data.get("aliases", [])]):
            continue
        items.append({"id": node, "label": data["label"], "kind": data["kind"],
                      "aliases": list(data.get("aliases", [])),
                      "degree": net.degree(node), "url": entity_url(node)})
    items.sort(key=lambda e: (-e["degree"], e["label"].lower()))
    kinds = sorted({d.get("kind") for _, d in net.nodes(data=True)})
    return {"entities": items, "count": len(items), "kinds": kinds}


def _evidence_links(evidence: list[str]) -> list[dict]:
    """["rid#p0001", "rid#note-15"] -> links to the passages (and notes) behind a relation."""
    out = []
    for ref in evidence:
        rid, _, local = ref.partition("#")
        if local.startswith("note-"):
            out.append({"ref": ref, "url": note_url(rid, int(local[5:]))})
        elif local:
            out.append({"ref": ref, "url": passage_url(f"{rid}-{local}")})
    return out


# The role an item plays first when it plays two: a statement by the entity that also names it is "by".
_ROLE_ORDER = ("itself", "mentions", "holds", "states a relation", "addressed to", "concerns", "by", "about")


def _named_in(iri: str) -> list[tuple]:
    """(kind, report, document item, roles) for every passage that mentions an entity, recommendation addressed
    to it or concerning it, and statement by it or about it, in document order: read from the graph (the named
    query entity-mentions, on the embedded store or the STORE server), not searched for in the text."""
    from graph.store import get_query

    engine = services().engine
    text = get_query("entity-mentions").bind({"entity": iri}, resolve=lambda _: [iri], engine=engine.engine)
    roles: dict[str, set[str]] = {}
    for row in engine.query(text).rows:
        roles.setdefault(row["item"], set()).add(row["role"])
    items = services().document_items
    found = sorted((items[i], r) for i, r in roles.items() if i in items)
    return [(kind, report, item, sorted(r, key=_ROLE_ORDER.index)) for (_, kind, report, item), r in found]


def entity_data(eid: str) -> dict:
    """An entity: names, relations grouped with evidence, recommendations, statements, passages, neighbourhood."""
    from graph.network import EntityNotFound, neighbours

    svc = services()
    net = svc.network
    if eid not in net:
        raise NotFound(f"no entity {eid!r}")
    data = net.nodes[eid]
    try:
        groups = neighbours(net, eid)
    except EntityNotFound:
        raise NotFound(f"no entity {eid!r}") from None
    relations = []
    for relation, items in groups.items():
        relations.append({"relation": relation, "kind": "co-mention" if relation == "appears with" else "stated",
                          "items": [{**i, "label": explorer.short_label(i["id"], net.nodes[i["id"]]),
                                     "url": entity_url(i["id"]),
                                     "evidence": _evidence_links(i["evidence"])} for i in items]})
    recs, statements, passages = [], [], []
    for kind, report, item, roles in _named_in(data["iri"]):
        if kind == "recommendation":
            recs.append({"report": report.id, "number": item.number, "label": item.label, "text": item.text,
                         "addressees": item.addressee_names, "relation": roles[0],
                         "url": url_for("pages.recommendations") + f"#{quote(item.id)}"})
        elif kind == "statement":
            statements.append({"id": item.id, "speaker": item.speaker_name, "role": roles[0],
                               "content": item.content, "url": passage_url(item.passage)})
        else:
            passages.append({"id": item.id, "text": item.text[:300], "page": item.page, "url": passage_url(item.id)})
    titles = explorer.report_titles()
    reports = [{"id": r, "title": titles.get(r, r)} for r in sorted(explorer.node_reports(net).get(eid, set()))]
    return {"id": eid, "label": explorer.short_label(eid, data), "kind": data["kind"], "iri": data.get("iri"),
            "reports": reports,
            "names": entity_forms(data), "aliases": list(data.get("aliases", [])),
            "relations": relations, "recommendations": recs, "statements": statements, "passages": passages,
            "neighbourhood": explorer.neighbourhood(eid), "url": entity_url(eid)}


def path_data(a: str | None, b: str | None) -> dict:
    """The shortest explained path between two entities named in any form."""
    from graph.network import EntityNotFound, NoPath, resolve_node, shortest_path

    if not a or not b:
        raise ApiError("give both ends: from=...&to=...")
    net, registry = services().network, services().corpus.registry
    try:
        src, dst = resolve_node(net, a, registry), resolve_node(net, b, registry)
        hops = shortest_path(net, src, dst)
    except EntityNotFound as exc:
        raise NotFound(str(exc)) from None
    except NoPath as exc:
        raise NotFound(str(exc)) from None
    return {"from": {"id": src, "label": net.nodes[src]["label"]}, "to": {"id": dst, "label": net.nodes[dst]["label"]},
            "hops": [{"source": h.source, "target": h.target, "source_label": net.nodes[h.source]["label"],
                      "target_label": net.nodes[h.target]["label"], "relation": h.relation, "forward": h.forward,
                      "kind": h.kind, "quote": h.quote, "page": h.page, "evidence": _evidence_links(h.evidence),
                      "explanation": h.explain(net)} for h in hops],
            "nodes": [src] + [h.target for h in hops]}


# -- recommendations and people -------------------------------------------------------------
def recommendations_data(addressee: str | None = None) -> dict:
    """Every recommendation with bullets, addressees, deadline and the evidence passages before it."""
    out = []
    wanted = _entity_key(addressee) if addressee else None
    for report in services().reports:
        for rec in report.recommendations:
            # "the Met", "MPS" and "Metropolitan Police Service" all name one addressee
            if addressee and wanted not in {_entity_key(a) for a in rec.addressee_names} and \
                    addressee.lower() not in [a.lower() for a in rec.addressee_names]:
                continue
            index = services().passage_index
            evidence = [{"id": pid, "text": index[pid][1].text, "page": index[pid][1].page, "url": passage_url(pid)}
                        for pid in rec.evidence]
            out.append({"id": rec.id, "report": report.id, "number": rec.number, "label": rec.label, "text": rec.text,
                        "bullets": rec.bullets, "addressees": rec.addressee_names, "deadline": rec.deadline,
                        "concerns": rec.concerns, "page": rec.page, "evidence": evidence,
                        "passages": [passage_url(pid) for pid in rec.passages],
                        "summary_page": rec.summary["page"] if rec.summary else None})
    return {"recommendations": out, "count": len(out)}


def _entity_key(name: str) -> str | None:
    """The network node a name refers to, in any of its forms, if any."""
    from graph.network import EntityNotFound, resolve_node

    try:
        return resolve_node(services().network, name, services().corpus.registry)
    except EntityNotFound:
        return None


def _person_node(net, person) -> str | None:
    """The person entity a listed person is, found by name or alias, if the graph has one."""
    from graph.network import EntityNotFound, resolve_node

    for name in [person.name, *person.aliases]:
        try:
            node = resolve_node(net, name, services().corpus.registry)
        except EntityNotFound:
            continue
        if net.nodes[node].get("kind") == "person":
            return node
    return None


def distinct_roles(pairs) -> list[dict]:
    """(role, organisation) pairs once each, in first-seen order; a pair another one already says more fully goes."""
    from graph.entities import fold

    seen: list[tuple] = []
    for role, org in pairs:
        key = (fold(role or ""), fold(org or ""))
        if key != ("", "") and key not in [k for k, _ in seen]:
            seen.append((key, {"role": role, "organisation": org}))
    covered = [(k, r) for k, r in seen
               if not any(o != k and all(part in ("", other) for part, other in zip(k, o)) for o, _ in seen)]
    return [r for _, r in covered]


def people_data() -> dict:
    """Witnesses and members, each once (across reports), with each distinct role once, and what each said."""
    from graph.entities import fold

    net = services().network
    people: dict[str, dict] = {}
    pairs: dict[str, list[tuple]] = {}
    for report in services().reports:
        for person in report.people:
            node = _person_node(net, person)
            key = node or f"name:{fold(person.name)}"
            said = [{"id": s.id, "content": s.content, "quote": s.quote, "verb": s.verb, "date": s.date,
                     "url": passage_url(s.passage)} for s in report.statements if s.speaker == person.id]
            appearances = [{"date": a.date, "role": a.role, "organisation": a.organisation} for a in person.appearances]
            entry = people.get(key)
            if entry is None:
                entry = people[key] = {
                    "id": person.id, "report": report.id, "reports": [], "name": person.name, "entity": node,
                    "url": entity_url(node) if node else None, "aliases": [], "title": person.title,
                    "role": person.role, "organisation": person.organisation, "party": person.party,
                    "chair": person.chair, "groups": [], "roles": [], "dates": [], "appearances": [], "statements": []}
            if report.id not in entry["reports"]:
                entry["reports"].append(report.id)
            entry["aliases"] += [a for a in person.aliases if a not in entry["aliases"] and a != entry["name"]]
            entry["groups"] += [g for g in person.groups if g not in entry["groups"]]
            entry["chair"] = entry["chair"] or person.chair
            entry["appearances"] += appearances
            entry["dates"] += [a.date for a in person.appearances if a.date and a.date not in entry["dates"]]
            entry["statements"] += said
            pairs.setdefault(key, []).extend(
                [(person.role, person.organisation)] + [("Chair", None)] * person.chair +
                [(a.role, a.organisation) for a in person.appearances])
    out = list(people.values())
    for key, entry in people.items():
        # "member · Member" says one thing twice: a bare role that only repeats a group goes.
        groups = {fold(g) for g in entry["groups"]}
        entry["roles"] = [r for r in distinct_roles(pairs[key]) if r["organisation"] or fold(r["role"]) not in groups]
    return {"people": out, "count": len(out)}


def health_data() -> dict:
    """What the service holds; cheap, and it does not force a build."""
    loaded = services().status()
    return {"ok": True, "reports": [{"id": r.id, "title": r.title, "passages": len(r.passages)} for r in loaded["reports"]],
            "qa_loaded": loaded["qa"] is not None, "graph_loaded": loaded["graph"],
            "model": loaded["qa"].model_name if loaded["qa"] is not None else None,
            "index": loaded["index"]}


# -- named analyst queries ------------------------------------------------------------------
PAGING_ARGS = ("limit", "offset")


def query_list() -> dict:
    """The named analyst queries, with their parameters."""
    from graph.store import named_queries

    return {"queries": [_query_summary(q) for q in named_queries().values()]}


def _query_summary(q) -> dict:
    return {"name": q.name, "title": q.title, "url": url_for("pages.query", name=q.name),
            "api": url_for("api.query", name=q.name),
            "parameters": [{"name": n, "kind": p.kind, "description": p.description} for n, p in q.params.items()]}


def query_data(name: str, args: dict, endpoint: str = "pages.query", suffix: str = "") -> dict:
    """One page of a named query's rows; args hold its parameters and limit/offset. The next and
    previous links go to the same endpoint (the page, or the API) and form (suffix ".json", format=json)."""
    from graph.store import DEFAULT_PAGE, QueryFailed, UnknownQuery, get_query, run_query

    try:
        query = get_query(name)
    except UnknownQuery as exc:
        raise NotFound(str(exc)) from None
    max_limit = int(current_app.config["QUERY_MAX_LIMIT"])
    limit = whole_number(args.get("limit"), "limit", 1, max_limit, min(DEFAULT_PAGE, max_limit))
    offset = whole_number(args.get("offset"), "offset", 0, MAX_OFFSET, 0)
    unknown = sorted(set(args) - set(query.params) - set(PAGING_ARGS) - {"format"})
    if unknown:
        raise ApiError(f"query {name!r} takes {', '.join(query.params) or 'no parameters'} "
                       f"(and limit, offset), not {', '.join(unknown)}")
    params = {k: str(args[k]).strip() for k in query.params if str(args.get(k) or "").strip()}
    for value in params.values():
        if len(value) > 200 or "\x00" in value:
            raise ApiError("a parameter value is longer than 200 characters or holds a NUL character")
    try:
        result = run_query(services().engine, name, params, limit=limit, offset=offset)
    except QueryFailed as exc:
        raise ApiError(str(exc)) from None

    def page_url(at: int) -> str:
        same_form = {"format": "json"} if args.get("format") == "json" else {}
        return url_for(endpoint, name=name + suffix, **params, limit=limit, offset=at, **same_form)

    return {**_query_summary(query), "api": url_for("api.query", name=name, **params, limit=limit, offset=offset),
            "given": params, "columns": result.columns, "rows": result.rows,
            "links": [[_link(c, row.get(c)) for c in result.columns] for row in result.rows],
            "limit": limit, "offset": offset,
            "next": page_url(offset + limit) if result.more else None,
            "previous": page_url(max(0, offset - limit)) if offset else None}


def _link(column: str, value) -> str | None:
    """Where a cell opens in this app: an IRI under the base (every one dereferences), or a passage id."""
    base = services().base_iri
    if isinstance(value, str) and value.startswith(base):
        return url_for("pages.resource", rest=value[len(base):])
    if column in ("passage", "evidence") and isinstance(value, str) and re.fullmatch(r"[\w.-]+-p\d+", value):
        return passage_url(value)
    return None
