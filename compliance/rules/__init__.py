"""Gap rules, one module per family. Importing this package registers every rule."""

from compliance.rules import agency, children, households, inspections, panels, staff  # noqa: F401
