"""The file system: reading the user's files safely, atomic writes, and what a failed file
operation means in words."""
