"""Compliance pages, one module per family: clauses, dashboard, gaps, runs, policy."""
