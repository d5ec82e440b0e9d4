"""``python -m spinthermo``: the same as the ``spinthermo`` command."""

from spinthermo.cli import app

if __name__ == "__main__":
    app(prog_name="spinthermo")
