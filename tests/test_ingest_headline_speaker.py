"""A press item's headline that has a named person speak gives the speaker of the statement the note supports:
"The Harbour Master has stated …" cites "Harbour chief Dame Ann Bell warns of closures" (own75's rule, made up)."""
from types import SimpleNamespace

import pytest

from ingest.statements import _note_speaker


def _note(label: str, kind: str = "press", person: str | None = None, organisation: str | None = "Evening Post"):
    return SimpleNamespace(source=SimpleNamespace(label=label, kind=kind, person_name=person,
                                                  organisation=organisation))


@pytest.mark.parametrize("label, speaker", [
    ("Evening Post, Harbour chief Dame Ann Bell warns of pier closures, 1 May 2030", "Ann Bell"),
    ("Evening Post, Sir Tom Reed calls for a new ferry, 2 May 2030", "Tom Reed"),
    ("Evening Post, Police arrest John Smith over pier fire, 3 May 2030", None),  # about him: no honorific, no saying
    ("Evening Post, Piers closed as often as open, says Harbour Master, 4 May 2030", None),  # an office, no person
    ("Evening Post, Dr Jane Doe named harbour master, 5 May 2030", None),  # named, not speaking
])
def test_a_headline_names_the_speaker_only_when_a_named_person_speaks(label, speaker):
    assert _note_speaker(_note(label)) == speaker


def test_evidence_givers_keep_their_own_names_and_publications_name_none():
    assert _note_speaker(_note("Ann Bell, transcript", kind="transcript", person="Ann Bell")) == "Ann Bell"
    assert _note_speaker(_note("Harbour Trust, written evidence", kind="written evidence",
                               organisation="Harbour Trust")) == "Harbour Trust"
    # a report's title is not a headline, even when it reads like one
    assert _note_speaker(_note("Sir Tom Reed warns of closures (2030)", kind="publication")) is None
