"""Gap rules for the households family (see compliance/registry.py: @rule)."""
