"""Reporters: findings and reviews as text, JSON, Markdown and GitHub annotations."""
