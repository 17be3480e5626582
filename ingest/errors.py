"""Exceptions named for the condition; the command line turns each into one line on stderr."""


class IngestError(Exception):
    """A report could not be ingested; the message says why in one line."""


class NoSuchPath(IngestError):
    """The path does not exist."""


class NotAFile(IngestError):
    """The path is a directory or another non-file."""


class EmptyInput(IngestError):
    """The file holds no text."""


class BinaryInput(IngestError):
    """The file is binary, not text or PDF."""


class MarkupInput(IngestError):
    """A web page or word-processor file (HTML, XML, RTF): its tags would be read as the report's words."""


class UndecodableInput(IngestError):
    """The bytes are not text in any encoding we accept."""


class InputTooLarge(IngestError):
    """The file is larger than the configured limit."""


class NoTextLayer(IngestError):
    """A PDF with no extractable text (a scan without OCR)."""


class UnreadablePDF(IngestError):
    """A file that claims to be a PDF but cannot be read as one."""


class NotAReport(IngestError):
    """Text that holds nothing the parser recognises as a report."""


class DuplicateReport(IngestError):
    """Two inputs would write the same report id."""


class UnreadableReportJSON(IngestError):
    """A .json input that is not a document model written by ``kgqa ingest``."""
