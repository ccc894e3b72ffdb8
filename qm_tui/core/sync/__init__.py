"""Sharing one set of interviews between copies of the database: uids, field change times,
the merge of two copies, git sync and sync-folder conflict copies."""
