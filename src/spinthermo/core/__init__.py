"""spinthermo.core."""
