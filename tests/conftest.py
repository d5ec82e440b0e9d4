"""Shared test configuration."""

import os

import matplotlib

matplotlib.use("Agg")

from hypothesis import settings

settings.register_profile("ci", max_examples=40, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
