"""``python -m spinthermo``: the same as the ``spinthermo`` command, exit codes included."""

from spinthermo.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
