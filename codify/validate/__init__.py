"""Validation: schema errors mapped to lines, cross-references, the JSON Schema."""
