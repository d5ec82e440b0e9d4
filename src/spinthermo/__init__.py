"""spinthermo: open quantum systems of atomic spins and their quantum thermodynamics."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("spinthermo")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
