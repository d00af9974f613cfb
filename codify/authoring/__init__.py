"""Authoring: files written new (init, adapt) or edited in place (upgrade)."""
