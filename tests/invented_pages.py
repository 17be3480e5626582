"""Pages of invented reports as pdftotext writes them, for the tests of rules stated in general terms."""
from __future__ import annotations

import textwrap

FILL = ("The evidence we received on this point was extensive, and it came from public bodies, from charities and "
        "from many individuals who wrote to us about their own experience of the piers.")


def page(*paragraphs: str) -> str:
    """One page of text as pdftotext writes it: lines wrapped at 90 characters, a blank line between paragraphs."""
    return "\n\n".join("\n".join(textwrap.wrap(p, 90)) for p in paragraphs) + "\n"
