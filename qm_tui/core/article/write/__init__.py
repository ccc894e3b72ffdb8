"""Writing the article: Markdown, HTML, plain text and Word, with Swedish typography."""
