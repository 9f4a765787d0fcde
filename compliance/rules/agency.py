"""Gap rules for the agency family (see compliance/registry.py: @rule)."""
