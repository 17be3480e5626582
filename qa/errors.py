"""Named exceptions of the question-answering library; the edges turn each into one line."""


class QAError(Exception):
    """Question answering failed for a reason the user can fix; the message says why in one line."""


class ModelUnavailable(QAError):
    """The embedding model cannot be found or loaded."""


class EmptyQuestion(QAError):
    """The question is empty or has no words."""


class BadFilter(QAError):
    """A filter names a report, section, speaker or source kind the corpus does not hold."""


class BadQuestionSet(QAError):
    """A question set file is not valid JSON lines of {id, question, gold}."""


class EmptyCorpus(QAError):
    """There are no passages to search."""
