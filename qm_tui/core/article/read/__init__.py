"""Reading an article back: plain text, our Markdown and Word (with tracked changes and comments),
into what the file holds."""
