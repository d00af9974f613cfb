"""What happened at each site: results CSVs, XmR charts, signals after adaptations, readiness."""
