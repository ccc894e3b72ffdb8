"""The interview document and its rules: the model, question sets, statuses, pull quotes, list
rows, search, control characters."""
