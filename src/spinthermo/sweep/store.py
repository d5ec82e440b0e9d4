"""The resumable sweep store: a directory with a manifest and one verified file per chunk.

Layout::

    STORE/
      lock                     pid and host of the process running the sweep (taken first)
      manifest.json            what is swept: model (and the SHA-256 of a user function's
                               source), axes (values, units), fixed parameters, outputs, chunk
                               size, sweep id, spinthermo version
      chunks/chunk-000017.npz  one file per finished chunk (numpy .npz, uncompressed)
      dataset.nc               the assembled xarray Dataset (NetCDF), once every chunk is done
      dataset.nc.sha256        SHA-256 and size of dataset.nc as written (checked on resume)
      runs.jsonl               one JSON line per run of the sweep (when it ended, where the
                               chunks ran and why, points computed and reused, outcome);
                               append-only, a record for people: nothing reads it to decide
                               what runs

Creation is atomic against a second sweep started in the same directory: the directory is
made, the lock taken with ``O_CREAT | O_EXCL``, and only then is the manifest checked or
written; the second process finds the lock and is refused. A store's data is never trusted to
name code: see :mod:`spinthermo.sweep.runner` (resume trust model).

Why ``.npz`` chunks: they are numpy's own container (no new dependency), hold a float64 array
and a byte string exactly, and zip stores a CRC-32 of each member; on top of that every chunk
carries the SHA-256 of its content. A chunk file is written to a temporary name in the same
directory, flushed and fsync'ed, then renamed over the final name (``os.replace`` is atomic):
a chunk either exists whole or not at all.

Durability. A finished chunk survives a crash of the sweep's process (Ctrl-C, kill, out of
memory) as soon as it is renamed: the kernel holds the directory entry. Against a crash of
the machine (power, kernel), the file's own fsync before the rename means that a name which
survives points to complete data; the rename itself is made durable by an fsync of the chunk
directory, which costs as much as writing the chunk (~4 ms): it is done with a chunk's write
when the last one is :data:`DIRECTORY_SYNC_S` or more seconds old, and when the sweep ends or
stops (:meth:`SweepStore.sync`). While chunks finish faster than one per second, a machine
crash thus loses at most those of the last second; they are missing, not corrupt, and a
resume recomputes them. Slower chunks are each made durable at once. A chunk that fails
any check on reading (unreadable zip, wrong sweep id or index, wrong shape, checksum mismatch)
is never used: it is reported, renamed ``*.corrupt`` and recomputed. Left-over temporary files
(``.chunk-*.tmp-*``) of a killed writer are never read and are removed on the next run.

Chunk ``i`` holds the points ``i·chunk_size ≤ k < min((i+1)·chunk_size, n_points)`` of the grid
in C order (first axis slowest). Its members: ``values`` (float64, ``(n_outputs, n)``) and
``meta`` (UTF-8 JSON: sweep id, index, start, stop, output names, per-point error and warning
messages, compute time, a copy of the manifest (axes with values and units, model, outputs), and
``sha256`` over the rest of the meta and the values' bytes). The copy lets a store whose
manifest.json was lost be read (:meth:`SweepStore.open` with ``recover=True``) and resumed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import os
import re
import socket
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from spinthermo.destination import require_writable_directory
from spinthermo.sweep.executors import ChunkResult
from spinthermo.sweep.grid import Axis, Grid

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "CorruptChunkError",
    "Manifest",
    "ScanReport",
    "StoreError",
    "SweepStore",
]

FORMAT = "spinthermo-sweep"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK_DIR = "chunks"
DATASET = "dataset.nc"
DATASET_CHECKSUM = "dataset.nc.sha256"
LOCK = "lock"
RUN_LOG = "runs.jsonl"
#: Longest time in s between two fsyncs of the chunk directory while chunks are written (the
#: durability of the module docstring).
DIRECTORY_SYNC_S = 1.0
_CHUNK_NAME = re.compile(r"^chunk-(\d{6,})\.npz$")
_TEMP_PREFIX = ".chunk-"


class StoreError(ValueError):
    """A path that cannot be used as this sweep's store (another sweep's, not a store, in use,
    damaged), or a resume that is refused (the function given is not the one that made it)."""


class CorruptChunkError(ValueError):
    """A chunk file that fails verification; the message says which check."""


def _canonical(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), allow_nan=True,
                      ensure_ascii=False).encode()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a directory be fsync'ed
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _distributed_unimported():
    """While active, ``import distributed`` fails if dask.distributed is not imported yet.

    ``Dataset.to_netcdf`` asks whether a dask.distributed client is the active scheduler
    before it writes, and so imports dask.distributed (1–2 s) wherever it is installed, even
    for a Dataset of NumPy arrays that no scheduler touches; a sweep that ran without Dask
    then writes as where dask.distributed is not installed. Where it is already imported (a
    Dask sweep), nothing changes.
    """
    if "distributed" in sys.modules:
        yield
        return
    sys.modules["distributed"] = None  # the import system's mark of a module not to import
    try:
        yield
    finally:
        if "distributed" in sys.modules and sys.modules["distributed"] is None:
            del sys.modules["distributed"]


def _utf8_strings(dataset):
    """``dataset`` with its text variables (the per-point ``error``) as UTF-8 bytes marked
    ``_Encoding = "utf-8"``, which xarray reads back as the same strings.

    xarray's own encoding of a text variable encodes it one element at a time in Python:
    0.3 s for 2·10⁴ points, more than the rest of the file; here only the non-empty ones are
    encoded.
    """
    text = [name for name, variable in dataset.variables.items() if variable.dtype.kind == "U"]
    if not text:
        return dataset
    encoded = dataset.copy(deep=False)
    for name in text:
        variable = dataset[name]
        flat = variable.values.ravel()
        filled = np.flatnonzero(flat != "")  # a sweep's errors are mostly empty
        messages = [flat[i].encode("utf-8") for i in filled]
        data = np.zeros(flat.shape, dtype=f"S{max(map(len, messages), default=1)}")
        data[filled] = messages
        encoded[name] = (variable.dims, data.reshape(variable.shape),
                         {**variable.attrs, "_Encoding": "utf-8"})
    return encoded


def _write_and_rename(path: Path, data: bytes | memoryview, tmp: Path) -> None:
    """Write ``data`` to ``tmp``, fsync it, rename it to ``path`` (``os.replace``, atomic)."""
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_bytes(path: Path, data: bytes | memoryview, tmp: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically: temporary file ``tmp`` (default: a hidden name
    beside ``path``), fsync, ``os.replace``, fsync of the directory."""
    path = Path(path)
    if tmp is None:
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    _write_and_rename(path, data, tmp)
    _fsync_dir(path.parent)


def _field(doc: dict, key: str, kinds: type | tuple[type, ...], default: Any = KeyError) -> Any:
    """``doc[key]`` if it has one of the JSON types ``kinds``; ``ValueError`` naming the field
    otherwise (``bool`` is not accepted as a number)."""
    if key not in doc:
        if default is KeyError:
            raise ValueError(f"field {key!r} is missing")
        return default
    value = doc[key]
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise ValueError(f"field {key!r} must be {names}; found {type(value).__name__} "
                         f"{value!r:.60}")
    return value


def _axis_from_json(doc: Any) -> Axis:
    if not isinstance(doc, dict):
        raise ValueError(f"an axis must be a JSON object; found {type(doc).__name__}")
    _field(doc, "name", str)
    _field(doc, "values", list)
    _field(doc, "units", (str, type(None)), None)
    _field(doc, "spacing", str, "explicit")
    return Axis.from_json(doc)


def _string_map(doc: dict, key: str) -> dict[str, str]:
    value = _field(doc, key, dict, {})
    if not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"field {key!r} must map names to strings")
    return dict(value)


@dataclass(frozen=True)
class Manifest:
    """What a store holds: enough to resume the sweep and to label the Dataset.

    Parameters
    ----------
    model : str
        The registered name or ``"module:function"`` (or the name of a function that cannot be
        imported by name).
    axes : tuple of Axis
        The grid's axes with their units, first axis slowest.
    fixed : dict
        Values of the model's other parameters (JSON-serialisable).
    chunk_size : int
        Points per chunk, ≥ 1.
    outputs : tuple of tuple, optional
        ``(name, units)`` of each output (None when the model does not declare them).
    resumable : bool, optional
        False for a callable that cannot be imported by name.
    description, source : str, optional
        The model's description and seed reference.
    parameter_descriptions, output_descriptions : dict, optional
        One line per parameter and output, for the Dataset's attributes.
    spinthermo_version, created : str, optional
        Version that made the store and ISO time of creation.
    function_sha256 : str, optional
        SHA-256 of a user function's code
        (:func:`~spinthermo.sweep.catalogue.function_sha256`); ``""`` for a registered model.
    """

    model: str
    axes: tuple[Axis, ...]
    fixed: dict[str, Any]
    chunk_size: int
    outputs: tuple[tuple[str, str], ...] | None = None
    resumable: bool = True
    description: str = ""
    source: str = ""
    parameter_descriptions: dict[str, str] = field(default_factory=dict)
    output_descriptions: dict[str, str] = field(default_factory=dict)
    spinthermo_version: str = ""
    created: str = ""
    function_sha256: str = ""

    def __post_init__(self) -> None:
        try:
            _canonical(self.fixed)
        except (TypeError, ValueError):
            raise TypeError(f"fixed parameters must be JSON-serialisable (numbers, strings); "
                            f"received {self.fixed!r}") from None
        if isinstance(self.chunk_size, bool) or not isinstance(self.chunk_size, int) \
                or self.chunk_size < 1:
            raise ValueError(f"chunk_size must be an integer >= 1; received {self.chunk_size!r}")

    @property
    def grid(self) -> Grid:
        """The grid of the manifest's axes.

        A :class:`~spinthermo.sweep.grid.Grid`, first axis slowest.
        """
        return Grid(self.axes)

    @property
    def n_points(self) -> int:
        """Number of grid points."""
        return self.grid.size

    @property
    def n_chunks(self) -> int:
        """Number of chunks."""
        return math.ceil(self.n_points / self.chunk_size)

    def chunk_bounds(self, index: int) -> tuple[int, int]:
        """(start, stop) flat point indices of chunk ``index``.

        Parameters
        ----------
        index : int
            Chunk number, in [0, n_chunks).

        Returns
        -------
        tuple of int
            ``start ≤ k < stop`` in C order over :attr:`axes`.
        """
        start = index * self.chunk_size
        return start, min(start + self.chunk_size, self.n_points)

    def definition(self) -> dict[str, Any]:
        """The fields that decide the numbers and the chunking (what ``sweep_id`` hashes).

        ``function_sha256`` enters only when set, so registered-model stores keep their ids.

        Returns
        -------
        dict
            Format version, model, axes, fixed values and chunk size (JSON-ready).
        """
        doc = {"format_version": FORMAT_VERSION, "model": self.model,
               "axes": [{"name": a.name, "units": a.units, "values": list(a.values)}
                        for a in self.axes],
               "fixed": self.fixed, "chunk_size": self.chunk_size}
        if self.function_sha256:
            doc["function_sha256"] = self.function_sha256
        return doc

    @property
    def sweep_id(self) -> str:
        """SHA-256 (hex, 16 characters) of the sweep's definition.

        Hashes :meth:`definition`; every chunk carries it. A label against mixing sweeps, not a
        signature: anyone can recompute it.
        """
        return hashlib.sha256(_canonical(self.definition())).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """The manifest as written to ``manifest.json`` (and carried by every chunk).

        Returns
        -------
        dict
            JSON-ready; :meth:`from_json` reads it back.
        """
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "sweep_id": self.sweep_id,
            "model": self.model, "function_sha256": self.function_sha256,
            "resumable": self.resumable, "description": self.description,
            "source": self.source, "axes": [a.to_json() for a in self.axes],
            "parameter_descriptions": self.parameter_descriptions,
            "fixed": self.fixed,
            "outputs": None if self.outputs is None else
            [{"name": n, "units": u} for n, u in self.outputs],
            "output_descriptions": self.output_descriptions,
            "chunk_size": self.chunk_size, "n_points": self.n_points, "n_chunks": self.n_chunks,
            "order": "C (first axis slowest)", "spinthermo_version": self.spinthermo_version,
            "created": self.created,
        }

    @classmethod
    def from_json(cls, doc: Any, where: str = "manifest") -> Manifest:
        """Parse and check a manifest document; :class:`StoreError` says what is wrong.

        Parameters
        ----------
        doc : object
            The parsed JSON document.
        where : str, optional
            What to call it in error messages (default ``"manifest"``).

        Returns
        -------
        Manifest
        """
        if not isinstance(doc, dict):
            raise StoreError(f"{where} is damaged: a JSON object was expected; found "
                             f"{type(doc).__name__}")
        if doc.get("format") != FORMAT:
            raise StoreError(f"{where} is not a spinthermo sweep manifest")
        if doc.get("format_version") != FORMAT_VERSION:
            raise StoreError(f"{where} has format version {doc.get('format_version')!r}; this "
                             f"spinthermo reads version {FORMAT_VERSION}")
        try:
            outputs = _field(doc, "outputs", (list, type(None)), None)
            if outputs is not None:
                if not all(isinstance(o, dict) and isinstance(o.get("name"), str)
                           and isinstance(o.get("units"), str) for o in outputs):
                    raise ValueError("field 'outputs' must list {\"name\": str, \"units\": str}")
                outputs = tuple((o["name"], o["units"]) for o in outputs)
            manifest = cls(
                model=_field(doc, "model", str),
                axes=tuple(_axis_from_json(a) for a in _field(doc, "axes", list)),
                fixed=dict(_field(doc, "fixed", dict)), chunk_size=_field(doc, "chunk_size", int),
                outputs=outputs, resumable=_field(doc, "resumable", bool, True),
                description=_field(doc, "description", str, ""),
                source=_field(doc, "source", str, ""),
                parameter_descriptions=_string_map(doc, "parameter_descriptions"),
                output_descriptions=_string_map(doc, "output_descriptions"),
                spinthermo_version=_field(doc, "spinthermo_version", str, ""),
                created=_field(doc, "created", str, ""),
                function_sha256=_field(doc, "function_sha256", str, ""))
            manifest.grid  # noqa: B018  (the axes together: distinct names, the size cap)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"{where} is damaged: {exc}") from None
        if doc.get("sweep_id") != manifest.sweep_id:
            raise StoreError(f"{where} is damaged: its sweep id does not match its content")
        return manifest


@dataclass
class ScanReport:
    """What a scan of the chunk directory found."""

    valid: dict[int, ChunkResult] = field(default_factory=dict)
    corrupt: list[tuple[int, str]] = field(default_factory=list)
    removed_temporary: int = 0

    def missing(self, n_chunks: int) -> list[int]:
        return [i for i in range(n_chunks) if i not in self.valid]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet reaped by its parent is a zombie: dead for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _kind(path: Path) -> str:
    return "directory" if path.is_dir() else "file" if path.is_file() else "special file"


class SweepStore:
    """A sweep's directory: manifest, verified chunks, lock. Create with :meth:`create` (which
    returns it locked) or :meth:`open`; use as a context manager to hold the lock while
    writing."""

    def __init__(self, path: Path, manifest: Manifest) -> None:
        self.path = Path(path)
        self.manifest = manifest
        self.chunks = self.path / CHUNK_DIR
        self._locked = False
        #: Directories and files :meth:`create` made (for :meth:`discard_if_empty`).
        self._created: list[Path] = []
        #: True when the manifest was rebuilt from the chunks (manifest.json missing).
        self.recovered = False
        #: ``time.monotonic()`` of the last fsync of the chunk directory, and whether a chunk
        #: was renamed since.
        self._synced_at = -math.inf
        self._sync_pending = False

    # ------------------------------------------------------------------ opening
    @staticmethod
    def check_layout(path: Path) -> None:
        """:class:`StoreError` if ``path`` or a store entry has the wrong kind (the store a
        file, ``chunks`` a file, ``lock`` or ``dataset.nc`` a directory)."""
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"{str(path)!r} is a {_kind(path)}, not a sweep store directory")
        for name, want_dir in ((CHUNK_DIR, True), (LOCK, False), (MANIFEST, False),
                               (DATASET, False), (DATASET_CHECKSUM, False)):
            entry = path / name
            if (entry.exists() or entry.is_symlink()) and entry.is_dir() != want_dir:
                raise StoreError(f"store {str(path)!r} is damaged: {name} is a {_kind(entry)}, "
                                 f"not a {'directory' if want_dir else 'file'}; move it away")

    @classmethod
    def read_manifest(cls, path: Path) -> Manifest:
        """The manifest of the store at ``path``; :class:`StoreError` if there is none or it is
        damaged."""
        cls.check_layout(path)
        file = Path(path) / MANIFEST
        if not file.is_file():
            raise StoreError(f"{str(path)!r} is not a sweep store (no {MANIFEST})")
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{file} is unreadable: {exc}") from None
        return Manifest.from_json(doc, str(file))

    @classmethod
    def open(cls, path: Path, recover: bool = False) -> SweepStore:
        """An existing store (for ``resume``). With ``recover``, a store whose manifest.json is
        missing is opened with the manifest its chunks carry (:attr:`recovered` is then true;
        :meth:`write_manifest` under the lock puts it back)."""
        path = Path(path)
        cls.check_layout(path)
        if recover and path.is_dir() and not (path / MANIFEST).exists() \
                and (path / CHUNK_DIR).is_dir():
            store = cls(path, cls.manifest_from_chunks(path))
            store.recovered = True
            return store
        return cls(path, cls.read_manifest(path))

    @classmethod
    def manifest_from_chunks(cls, path: Path) -> Manifest:
        """The manifest copy carried by the verified chunks of the store at ``path``;
        :class:`StoreError` if none carries one or they belong to different sweeps."""
        found: dict[str, Manifest] = {}
        chunk_dir = Path(path) / CHUNK_DIR
        entries = sorted(chunk_dir.iterdir()) if chunk_dir.is_dir() else []
        for entry in entries:
            if _CHUNK_NAME.match(entry.name) is None:
                continue
            try:
                _values, meta = cls._load_verified(entry)
                manifest = Manifest.from_json(meta.get("manifest"), f"the copy in {entry.name}")
            except (CorruptChunkError, StoreError, FileNotFoundError):
                continue
            if manifest.sweep_id == meta.get("sweep_id"):
                found.setdefault(manifest.sweep_id, manifest)
        if not found:
            raise StoreError(f"{str(path)!r} has no {MANIFEST} and no verified chunk that "
                             "carries a copy of it: it is not a sweep store, or not a readable "
                             "one")
        if len(found) > 1:
            raise StoreError(f"{str(path)!r} has no {MANIFEST} and holds chunks of "
                             f"{len(found)} different sweeps ({', '.join(sorted(found))})")
        return next(iter(found.values()))

    @classmethod
    def create(cls, path: Path, manifest: Manifest) -> SweepStore:
        """A new store at ``path``, or the existing one if it holds the same sweep; returned
        with its lock held (release with :meth:`release` or ``with store:``).

        The lock is taken (``O_EXCL``) before the manifest is read or written, so of two
        sweeps started at once in one directory exactly one proceeds. The same sweep (same
        model and function source, axes, fixed parameters and chunk size) resumes; a different
        one raises :class:`StoreError` rather than mixing results.
        """
        path = Path(path)
        try:
            require_writable_directory(path, "store")
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        cls.check_layout(path)
        created = [p for p in (path, *path.parents) if not p.exists()]
        if not (path / MANIFEST).exists() and path.is_dir():
            chunk_dir = path / CHUNK_DIR
            foreign = [e.name for e in path.iterdir() if e.name != LOCK and not (
                e.name == CHUNK_DIR and chunk_dir.is_dir() and not any(chunk_dir.iterdir()))]
            if foreign:
                raise StoreError(f"{str(path)!r} exists and is not a sweep store (it holds "
                                 f"{', '.join(sorted(foreign)[:3])}); choose a new path"
                                 + (" or resume it with --resume" if CHUNK_DIR in foreign
                                    else ""))
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store {str(path)!r}: "
                             f"{exc.strerror or exc}") from None
        store = cls(path, manifest)
        store._created = created
        store.acquire()
        try:
            if (path / MANIFEST).exists():
                existing = cls.read_manifest(path)
                if existing.sweep_id != manifest.sweep_id:
                    mine, theirs = manifest.definition(), existing.definition()
                    differ = [k for k in sorted(set(mine) | set(theirs))
                              if mine.get(k) != theirs.get(k)]
                    raise StoreError(
                        f"{str(path)!r} holds a different sweep (differs in: "
                        f"{', '.join(differ)}); choose another store, or resume it as it is "
                        "with --resume")
                store.manifest = existing
                store._created = []
            else:
                if not store.chunks.is_dir():
                    store.chunks.mkdir()
                    store._created.insert(0, store.chunks)
                store.write_manifest()
                store._created.insert(0, path / MANIFEST)
        except BaseException:
            store.release()
            raise
        return store

    def write_manifest(self) -> None:
        """Write manifest.json atomically (on creation, or to restore a recovered one)."""
        atomic_write_bytes(self.path / MANIFEST,
                           (json.dumps(self.manifest.to_json(), indent=1, ensure_ascii=False)
                            + "\n").encode())

    def discard_if_empty(self) -> bool:
        """Remove what :meth:`create` made if no chunk has been written since (a sweep refused
        before its first chunk leaves no store behind); return whether it did."""
        if not self._created or any(self.chunks.glob("chunk-*.npz")):
            return False
        if self.path / MANIFEST in self._created:
            (self.path / MANIFEST).unlink(missing_ok=True)
            (self.path / RUN_LOG).unlink(missing_ok=True)
        for leftover in self.chunks.glob(f"{_TEMP_PREFIX}*"):
            leftover.unlink(missing_ok=True)
        self.release()
        for directory in self._created:  # deepest first
            with contextlib.suppress(OSError):  # not empty (something else is there) or gone
                if directory.is_dir():
                    directory.rmdir()
        self._created = []
        return True

    # ------------------------------------------------------------------ lock
    def __enter__(self) -> SweepStore:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the store's lock (no-op if held); a lock left by a dead process on this host is
        taken over. :class:`StoreError` if a live process holds it."""
        if self._locked:
            return
        self.check_layout(self.path)
        lock = self.path / LOCK
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now(UTC).isoformat(timespec="seconds")}
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if not lock.is_file():
                    raise StoreError(f"store {str(self.path)!r} is damaged: {LOCK} is a "
                                     f"{_kind(lock)}, not a file; move it away") from None
                try:
                    holder = json.loads(lock.read_text())
                    pid, host = int(holder["pid"]), str(holder["host"])
                except (OSError, ValueError, KeyError, TypeError):
                    holder, pid, host = {}, -1, me["host"]  # unreadable: a writer died early
                if not isinstance(holder, dict):
                    holder = {}
                if host == me["host"] and (pid < 0 or not _pid_alive(pid)):
                    with contextlib.suppress(FileNotFoundError):
                        lock.unlink()
                    continue
                raise StoreError(
                    f"store {str(self.path)!r} is in use by process {pid} on {host} (since "
                    f"{holder.get('started', '?')}); if that process is gone, delete "
                    f"{lock}") from None
            except OSError as exc:
                raise StoreError(f"cannot take the lock {lock}: {exc.strerror or exc}") from None
            with os.fdopen(fd, "w") as handle:
                handle.write(json.dumps(me))
            self._locked = True
            return
        raise StoreError(f"cannot take the lock {lock}")

    def release(self) -> None:
        if self._locked:
            with contextlib.suppress(FileNotFoundError):
                (self.path / LOCK).unlink()
            self._locked = False

    # ------------------------------------------------------------------ run log
    def log_run(self, record: dict[str, Any]) -> None:
        """Append one run's ``record`` (JSON-ready) to runs.jsonl, with the time, host, process
        and spinthermo version of the run (see the module docstring's layout).

        Parameters
        ----------
        record : dict
            What the run did, e.g. ``outcome``, ``executor`` (where the chunks ran and why),
            ``computed_points``, ``reused_points`` (JSON-ready values).

        Notes
        -----
        The manifest fixes what the sweep is and never changes on resume; this log says how
        each run went, and nothing reads it to decide what runs. A line is written in one
        ``write`` to a file opened for appending, so concurrent writers cannot interleave
        within it.
        """
        from spinthermo import __version__

        line = {"finished": datetime.now(UTC).isoformat(timespec="seconds"),
                "host": socket.gethostname(), "pid": os.getpid(),
                "spinthermo_version": __version__, **record}
        data = (json.dumps(line, ensure_ascii=False, default=str) + "\n").encode()
        fd = os.open(self.path / RUN_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    # ------------------------------------------------------------------ chunks
    def chunk_path(self, index: int) -> Path:
        return self.chunks / f"chunk-{index:06d}.npz"

    def _meta(self, result: ChunkResult) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, "sweep_id": self.manifest.sweep_id,
                "index": result.index, "start": result.start, "stop": result.stop,
                "outputs": list(result.outputs), "errors": list(result.errors),
                "warnings": list(result.warnings), "elapsed_s": result.elapsed_s,
                "manifest": self.manifest.to_json()}

    @staticmethod
    def _checksum(meta: dict[str, Any], values: np.ndarray) -> str:
        digest = hashlib.sha256(_canonical(meta))
        digest.update(np.ascontiguousarray(values, dtype="<f8").tobytes())
        return digest.hexdigest()

    def write_chunk(self, result: ChunkResult) -> Path:
        """Write one finished chunk atomically (see the module docstring); return its path."""
        start, stop = self.manifest.chunk_bounds(result.index)
        if (result.start, result.stop) != (start, stop):
            raise ValueError(f"chunk {result.index} covers points {start}..{stop - 1}; received "
                             f"{result.start}..{result.stop - 1}")
        values = np.ascontiguousarray(result.values, dtype="<f8")
        meta = self._meta(result)
        meta["sha256"] = self._checksum(meta, values)
        final = self.chunk_path(result.index)
        tmp = self.chunks / f"{_TEMP_PREFIX}{result.index:06d}.npz.tmp-{os.getpid()}-" \
                            f"{uuid.uuid4().hex[:8]}"
        buffer = io.BytesIO()
        np.savez(buffer, values=values, meta=np.frombuffer(_canonical(meta), dtype=np.uint8))
        _write_and_rename(final, buffer.getbuffer(), tmp)
        self._sync_pending = True
        if time.monotonic() - self._synced_at >= DIRECTORY_SYNC_S:
            self.sync()
        return final

    def sync(self) -> None:
        """Make the chunks renamed so far durable against a machine crash (fsync of the chunk
        directory; see the module docstring). Cheap when nothing is pending."""
        if self._sync_pending:
            _fsync_dir(self.chunks)
            self._sync_pending = False
            self._synced_at = time.monotonic()

    @classmethod
    def _load_verified(cls, path: Path) -> tuple[np.ndarray, dict[str, Any]]:
        """(values, meta) of a chunk file whose SHA-256 matches (``sha256`` removed from meta)."""
        try:
            with np.load(path, allow_pickle=False) as archive:
                values = np.array(archive["values"])
                meta = json.loads(bytes(archive["meta"]).decode())
        except FileNotFoundError:
            raise
        except Exception as exc:  # truncated zip, bad CRC, bad JSON: all mean "unreadable"
            raise CorruptChunkError(f"unreadable ({type(exc).__name__}: {exc})") from None
        if not isinstance(meta, dict) or "sha256" not in meta:
            raise CorruptChunkError("no checksum in its metadata")
        claimed = meta.pop("sha256")
        if values.dtype != np.dtype("<f8") or cls._checksum(meta, values) != claimed:
            raise CorruptChunkError("checksum mismatch (content changed after it was written)")
        return values, meta

    def read_chunk(self, index: int) -> ChunkResult:
        """Read and verify chunk ``index``; :class:`CorruptChunkError` says what is wrong."""
        values, meta = self._load_verified(self.chunk_path(index))
        start, stop = self.manifest.chunk_bounds(index)
        if meta.get("sweep_id") != self.manifest.sweep_id:
            raise CorruptChunkError("belongs to another sweep (sweep id differs)")
        if (meta.get("index"), meta.get("start"), meta.get("stop")) != (index, start, stop):
            raise CorruptChunkError(f"holds points {meta.get('start')}..{meta.get('stop')}, not "
                                    f"chunk {index}'s {start}..{stop}")
        n = stop - start
        outputs, errors, warned = (meta.get(k, ()) for k in ("outputs", "errors", "warnings"))
        if not all(isinstance(seq, list) and all(isinstance(t, str) for t in seq)
                   for seq in (outputs, errors, warned)):
            raise CorruptChunkError("its outputs, errors or warnings are not lists of strings")
        if values.shape != (len(outputs), n) or len(errors) != n or len(warned) != n:
            raise CorruptChunkError(f"shape {values.shape} does not match {len(outputs)} "
                                    f"outputs x {n} points")
        elapsed = meta.get("elapsed_s", 0.0)
        return ChunkResult(index, start, stop, tuple(outputs), values, tuple(errors),
                           tuple(warned), float(elapsed) if isinstance(elapsed, int | float)
                           else 0.0)

    def scan(self, repair: bool = True) -> ScanReport:
        """Verify every chunk file. With ``repair`` (the store's lock held), corrupt chunks are
        renamed ``*.corrupt`` and temporary files of killed writers removed."""
        report = ScanReport()
        if not self.chunks.is_dir():
            return report
        n_chunks = self.manifest.n_chunks
        for entry in sorted(self.chunks.iterdir()):
            if entry.name.startswith(_TEMP_PREFIX) and ".tmp-" in entry.name:
                if repair:
                    with contextlib.suppress(FileNotFoundError):
                        entry.unlink()
                    report.removed_temporary += 1
                continue
            match = _CHUNK_NAME.match(entry.name)
            if match is None:
                continue
            index = int(match[1])
            if index >= n_chunks:
                report.corrupt.append((index, f"{entry.name}: index beyond the {n_chunks} "
                                              "chunks of this sweep"))
            else:
                try:
                    report.valid[index] = self.read_chunk(index)
                    continue
                except CorruptChunkError as exc:
                    report.corrupt.append((index, f"{entry.name}: {exc}"))
            if repair:
                os.replace(entry, entry.with_name(entry.name + ".corrupt"))
        return report

    # ------------------------------------------------------------------ dataset
    @property
    def dataset_path(self) -> Path:
        return self.path / DATASET

    @staticmethod
    def _file_sha256(path: Path) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    def write_dataset(self, dataset) -> Path:
        """Write the assembled Dataset as NetCDF (scipy engine), atomically, then its SHA-256
        and size to dataset.nc.sha256 (a crash in between leaves a mismatch: rebuilt)."""
        with _distributed_unimported():
            data = memoryview(_utf8_strings(dataset).to_netcdf(engine="scipy")).cast("B")
        atomic_write_bytes(self.dataset_path, data)
        record = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                  "sweep_id": self.manifest.sweep_id}
        atomic_write_bytes(self.path / DATASET_CHECKSUM, (json.dumps(record) + "\n").encode())
        return self.dataset_path

    def dataset_verified(self) -> bool:
        """Whether dataset.nc exists and matches the SHA-256 recorded when it was written
        (false for a truncated or edited file, or one without a record)."""
        try:
            record = json.loads((self.path / DATASET_CHECKSUM).read_text())
            return (isinstance(record, dict)
                    and record.get("sweep_id") == self.manifest.sweep_id
                    and record.get("bytes") == self.dataset_path.stat().st_size
                    and record.get("sha256") == self._file_sha256(self.dataset_path))
        except (OSError, ValueError):
            return False
