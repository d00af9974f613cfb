"""Positioned YAML documents: parse with line and column kept for every value."""
