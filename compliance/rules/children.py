"""Gap rules for the children family (see compliance/registry.py: @rule)."""
