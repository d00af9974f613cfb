"""Rules: one module per family of findings (site, release, project, waivers)."""
