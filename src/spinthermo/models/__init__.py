"""spinthermo.models."""
