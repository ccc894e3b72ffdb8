"""Plain mode: the interview line by line, for screen readers, slow links and scripts.

`qm-tui interview [ID]`, or the menu of `qm-tui --plain` and `ACCESSIBLE=1 qm-tui`. Every prompt
and message is one line of text: no colours, no cursor movement, no escape bytes. Only the
core is used (never Textual), with the same rules as the full-screen app.
"""
