"""The domain core: interviews, question sets, the store and the articles. No Textual, no Rich."""
