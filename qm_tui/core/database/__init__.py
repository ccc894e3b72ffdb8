"""The database: the InterviewStore over one TinyDB JSON file, read and written whole, and the side
files of 0.2 folded into it."""
