"""A question set asked of the service and held to its floors, as `kgqa eval` scores it: one way for every set."""
from __future__ import annotations

from qa.evaluate import evaluate


def asked(qa, questions) -> tuple[object, list, list]:
    """Each question asked of the service (k=10) and scored: ours, the baselines, and the passages returned."""
    returned = []

    def system(question: str) -> tuple[list[str], bool]:
        r = qa.ask(question, k=10)
        returned.append(r["passages"])
        return [p["text"] for p in r["passages"]], r["found"]

    ours, *baselines = evaluate(questions, system, qa.index)
    return ours, baselines, returned


def assert_floors(ours, baselines, hit1: float, hit5: float, mrr10: float, caught: int, refused: int) -> None:
    """The set's scores at or over its floors, its unanswerable questions caught and answerable ones refused within
    them, and above every baseline's MRR."""
    assert ours.hit1 >= hit1 and ours.hit5 >= hit5 and ours.mrr10 >= mrr10, (ours.row(), ours.misses)
    assert int(ours.unanswerable_caught.split("/")[0]) >= caught, (ours.unanswerable_caught, ours.uncaught)
    assert int(ours.answerable_refused.split("/")[0]) <= refused, ours.row()
    for base in baselines:
        assert ours.mrr10 > base.mrr10, base.row()
