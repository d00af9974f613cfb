"""Rendering: playbooks and reports as HTML and PDF."""
