"""Gap rules for the staff family (see compliance/registry.py: @rule)."""
