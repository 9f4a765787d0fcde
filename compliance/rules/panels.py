"""Gap rules for the panels family (see compliance/registry.py: @rule)."""
