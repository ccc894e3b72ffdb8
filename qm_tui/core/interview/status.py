"""The publishing workflow of an interview (kept import-free: the CLI's argument parser uses it).

In order: `draft` (being written), `complete` (name, every answer and the quote filled in),
`approved` (checked by the interviewee), `published`. The editor moves between the first two by
itself; the last two are set by hand (`qm-tui status ID STATUS`, or in the app) and kept while
editing.
"""

STATUSES = ("draft", "complete", "approved", "published")
AUTO_STATUSES = ("draft", "complete")
