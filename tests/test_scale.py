"""What lets a corpus grow: a build with one more report ingests and embeds only that report, and the scale
benchmark's renamed copies are whole, valid reports of their own."""
from __future__ import annotations

import json
from pathlib import Path

from qa.build import ensure_build
from qa.corpus import Corpus
from qa.encoder import HashingEncoder

BASE = "https://kgqa.example.org/id/"


def _report(folder: Path, name: str, words: str) -> Path:
    para = (f"The committee heard that {words} matter to the police and to children. "
            f"Officers told us that {words} were often overlooked. ") * 3
    path = folder / f"{name}.txt"
    path.write_text("\n\n".join(["Introduction", para, "Findings", para + f" The {words} must improve."]) + "\n",
                    encoding="utf-8")
    return path


def _texts(corpus: Corpus, report_id: str) -> set[str]:
    """The passage and sentence texts the index embedded for one report."""
    ix = corpus.index
    mine = {i for i, inf in enumerate(ix.info) if inf.report == report_id}
    return {ix.passages[i].text for i in mine} | {ix.sentence_text(s) for s in ix.sentences if s.passage in mine}


def test_a_build_with_one_more_report_ingests_and_embeds_only_that_report(tmp_path, monkeypatch):
    import qa.build

    encoded: list[str] = []
    ingested: list[str] = []
    real_encode, real_ingest = HashingEncoder.encode, qa.build.ingest_file
    monkeypatch.setattr(HashingEncoder, "encode", lambda self, texts: encoded.extend(texts) or real_encode(self, texts))
    monkeypatch.setattr(qa.build, "ingest_file", lambda path, **kw: ingested.append(Path(path).name)
                        or real_ingest(path, **kw))
    first, second = _report(tmp_path, "schools-2020", "schools"), _report(tmp_path, "hospitals-2021", "hospitals")
    build_dir = tmp_path / "build"
    one = Corpus(ensure_build([first], build_dir, BASE, "hashing"))
    assert ingested == ["schools-2020.txt"] and encoded
    encoded.clear()
    two = Corpus(ensure_build([first, second], build_dir, BASE, "hashing"))
    try:
        assert one.folder != two.folder
        assert ingested == ["schools-2020.txt", "hospitals-2021.txt"]  # the first report's ingest is reused
        # its passages and sentences, and the words of its vocabulary the first report's lacks (qa.bridge)
        new = (_texts(two, "hospitals-2021") - _texts(one, "schools-2020")) | (
            set(two.index.bridge.words) - set(one.index.bridge.words))
        assert new and sorted(encoded) == sorted(new)  # each new text once; none of the first report's
        assert two.qa.ask("What did officers say about hospitals?")["passages"]
    finally:
        one.close()
        two.close()


def test_a_renamed_copy_is_a_valid_report_of_its_own_that_embeds_nothing_new(tmp_path, monkeypatch):
    from benchmarks.scale import renamed
    from ingest.store import bundled_report_path, ingest_file, load_report, report_to_json

    original = ingest_file(bundled_report_path())
    data = json.loads(report_to_json(original))
    copy = renamed(data, f"{original.id}-copy-001")
    text = json.dumps(copy)

    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    # every identifier moved, no text changed
    stale = [s for s in strings(copy) if s == original.id or s.startswith((f"{original.id}/", f"{original.id}-p"))]
    assert stale == [] and copy["id"] == f"{original.id}-copy-001"
    assert [p["text"] for p in copy["passages"]] == [p.text for p in original.passages]
    paths = [tmp_path / f"{original.id}.json", tmp_path / f"{copy['id']}.json"]
    paths[0].write_text(report_to_json(original), encoding="utf-8")
    paths[1].write_text(text, encoding="utf-8")
    assert load_report(paths[1]).id == copy["id"]  # the schema and every reference check pass

    encoded: list[str] = []
    real_encode = HashingEncoder.encode
    monkeypatch.setattr(HashingEncoder, "encode", lambda self, texts: encoded.extend(texts) or real_encode(self, texts))
    build_dir = tmp_path / "build"
    Corpus(ensure_build(paths[:1], build_dir, BASE, "hashing")).close()
    encoded.clear()
    corpus = Corpus(ensure_build(paths, build_dir, BASE, "hashing"))
    try:
        assert encoded == []  # the copy's texts are the original's: all in the embedding cache
        mopac = corpus.resolve("MOPAC")
        assert {original.id, copy["id"]} <= set(mopac.reports)  # one entity, named by both reports
        answer = corpus.qa.ask("Which recommendations are addressed to MOPAC?")
        assert answer["passages"]
    finally:
        corpus.close()
