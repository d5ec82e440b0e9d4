"""spinthermo.sweep."""
