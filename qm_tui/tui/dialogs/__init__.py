"""Modal dialogs: confirmation and history."""
