"""Checks that an output destination can be written, before any work starts.

Used by ``spinthermo reproduce --out``, ``spinthermo sweep --out`` and ``spinthermo bench
--out``: a destination that is a file, lies under a file, or sits in a directory this process
cannot write is refused with one line naming the option, instead of a traceback after the work.
Nothing is created by the check.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def require_writable_directory(path: str | os.PathLike, option: str = "--out") -> Path:
    """Return ``path`` as a :class:`~pathlib.Path` if a directory can be made or written there.

    Raises :class:`ValueError` naming ``option`` when ``path`` is an existing file, lies under a
    file, or its nearest existing ancestor directory refuses a probe file (read-only file
    system, missing permission). The probe is made and removed in that ancestor, so the check
    creates nothing.

    Parameters
    ----------
    path : str or os.PathLike
        Output directory; it need not exist yet.
    option : str, optional
        Name of the option or parameter in the message (default ``"--out"``).

    Returns
    -------
    pathlib.Path
        ``path`` unchanged as a ``Path`` (not resolved, not created).

    Examples
    --------
    >>> require_writable_directory("/proc/version/out", option="store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: store '/proc/version/out' lies under '/proc/version', which is a file; ...
    """
    target = Path(path)
    if str(path) == "":
        raise ValueError(f"{option} must name a directory; received an empty path")
    if target.exists() and not target.is_dir():
        raise ValueError(f"{option} {str(target)!r} is a file; choose a directory")
    ancestor = target.absolute()
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ValueError(f"{option} {str(target)!r} lies under {str(ancestor)!r}, which is a "
                         "file; choose a directory")
    try:
        fd, probe = tempfile.mkstemp(prefix=".spinthermo-probe-", dir=ancestor)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ValueError(f"{option} {str(target)!r} cannot be written: {str(ancestor)!r} "
                         f"refuses new files ({reason}); choose a writable directory") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return target
