"""The resumable sweep store: a directory with a manifest and one verified file per chunk.

Layout::

    STORE/
      manifest.json            what is swept: model, axes (values, units), fixed parameters,
                               outputs, chunk size, sweep id, spinthermo version
      chunks/chunk-000017.npz  one file per finished chunk (numpy .npz, uncompressed)
      dataset.nc               the assembled xarray Dataset (NetCDF), once every chunk is done
      lock                     pid and host of the process running the sweep

Why ``.npz`` chunks: they are numpy's own container (no new dependency), hold a float64 array
and a byte string exactly, and zip stores a CRC-32 of each member; on top of that every chunk
carries the SHA-256 of its content. A chunk file is written to a temporary name in the same
directory, flushed and fsync'ed, then renamed over the final name (``os.replace`` is atomic),
and the directory is fsync'ed: a chunk either exists whole or not at all. A chunk that fails
any check on reading (unreadable zip, wrong sweep id or index, wrong shape, checksum mismatch)
is never used: it is reported, renamed ``*.corrupt`` and recomputed. Left-over temporary files
(``.chunk-*.tmp-*``) of a killed writer are never read and are removed on the next run.

Chunk ``i`` holds the points ``i·chunk_size ≤ k < min((i+1)·chunk_size, n_points)`` of the grid
in C order (first axis slowest). Its members: ``values`` (float64, ``(n_outputs, n)``) and
``meta`` (UTF-8 JSON: sweep id, index, start, stop, output names, per-point error and warning
messages, compute time, and ``sha256`` over the rest of the meta and the values' bytes).
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
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

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
LOCK = "lock"
_CHUNK_NAME = re.compile(r"^chunk-(\d{6,})\.npz$")
_TEMP_PREFIX = ".chunk-"


class StoreError(ValueError):
    """A path that cannot be used as this sweep's store (another sweep's, not a store, in use)."""


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


def atomic_write_bytes(path: Path, data: bytes, tmp: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically: temporary file ``tmp`` (default: a hidden name
    beside ``path``), fsync, ``os.replace``, fsync of the directory."""
    path = Path(path)
    if tmp is None:
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_dir(path.parent)


@dataclass(frozen=True)
class Manifest:
    """What a store holds: enough to resume the sweep and to label the Dataset.

    ``model`` is the registered name or ``"module:function"``; ``resumable`` is false for a
    callable that cannot be imported by name (then resuming needs the function passed again).
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
        return Grid(self.axes)

    @property
    def n_points(self) -> int:
        return self.grid.size

    @property
    def n_chunks(self) -> int:
        return math.ceil(self.n_points / self.chunk_size)

    def chunk_bounds(self, index: int) -> tuple[int, int]:
        """(start, stop) flat point indices of chunk ``index``."""
        start = index * self.chunk_size
        return start, min(start + self.chunk_size, self.n_points)

    def definition(self) -> dict[str, Any]:
        """The fields that decide the numbers and the chunking (what ``sweep_id`` hashes)."""
        return {"format_version": FORMAT_VERSION, "model": self.model,
                "axes": [{"name": a.name, "units": a.units, "values": list(a.values)}
                         for a in self.axes],
                "fixed": self.fixed, "chunk_size": self.chunk_size}

    @property
    def sweep_id(self) -> str:
        """SHA-256 (hex, 16 characters) of :meth:`definition`; every chunk carries it."""
        return hashlib.sha256(_canonical(self.definition())).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "sweep_id": self.sweep_id,
            "model": self.model, "resumable": self.resumable, "description": self.description,
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
    def from_json(cls, doc: dict[str, Any], where: str = "manifest") -> Manifest:
        if doc.get("format") != FORMAT:
            raise StoreError(f"{where} is not a spinthermo sweep manifest")
        if doc.get("format_version") != FORMAT_VERSION:
            raise StoreError(f"{where} has format version {doc.get('format_version')}; this "
                             f"spinthermo reads version {FORMAT_VERSION}")
        try:
            outputs = doc.get("outputs")
            manifest = cls(
                model=doc["model"], axes=tuple(Axis.from_json(a) for a in doc["axes"]),
                fixed=dict(doc["fixed"]), chunk_size=int(doc["chunk_size"]),
                outputs=None if outputs is None else
                tuple((o["name"], o["units"]) for o in outputs),
                resumable=bool(doc.get("resumable", True)),
                description=doc.get("description", ""), source=doc.get("source", ""),
                parameter_descriptions=dict(doc.get("parameter_descriptions", {})),
                output_descriptions=dict(doc.get("output_descriptions", {})),
                spinthermo_version=doc.get("spinthermo_version", ""),
                created=doc.get("created", ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"{where} is damaged: {type(exc).__name__}: {exc}") from None
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


class SweepStore:
    """A sweep's directory: manifest, verified chunks, lock. Create with :meth:`create` or
    :meth:`open`; use as a context manager to hold the lock while writing."""

    def __init__(self, path: Path, manifest: Manifest) -> None:
        self.path = Path(path)
        self.manifest = manifest
        self.chunks = self.path / CHUNK_DIR
        self._locked = False

    # ------------------------------------------------------------------ opening
    @staticmethod
    def read_manifest(path: Path) -> Manifest:
        """The manifest of the store at ``path``; :class:`StoreError` if there is none."""
        file = Path(path) / MANIFEST
        if not file.is_file():
            raise StoreError(f"{str(path)!r} is not a sweep store (no {MANIFEST})")
        try:
            doc = json.loads(file.read_text())
        except (OSError, ValueError) as exc:
            raise StoreError(f"{file} is unreadable: {exc}") from None
        return Manifest.from_json(doc, str(file))

    @classmethod
    def open(cls, path: Path) -> SweepStore:
        """An existing store (for ``resume``)."""
        return cls(Path(path), cls.read_manifest(path))

    @classmethod
    def create(cls, path: Path, manifest: Manifest) -> SweepStore:
        """A new store at ``path``, or the existing one if it holds the same sweep.

        The same sweep (same model, axes, fixed parameters and chunk size) resumes; a different
        one raises :class:`StoreError` rather than mixing results.
        """
        path = Path(path)
        if (path / MANIFEST).exists():
            existing = cls.read_manifest(path)
            if existing.sweep_id != manifest.sweep_id:
                mine, theirs = manifest.definition(), existing.definition()
                differ = [k for k in mine if mine[k] != theirs[k]]
                raise StoreError(
                    f"{str(path)!r} holds a different sweep (differs in: {', '.join(differ)}); "
                    "choose another store, or resume it as it is with --resume")
            return cls(path, existing)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{str(path)!r} exists and is not a sweep store; choose a new path")
        (path / CHUNK_DIR).mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path / MANIFEST,
                           (json.dumps(manifest.to_json(), indent=1, ensure_ascii=False)
                            + "\n").encode())
        return cls(path, manifest)

    # ------------------------------------------------------------------ lock
    def __enter__(self) -> SweepStore:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the store's lock; a lock left by a dead process on this host is taken over."""
        lock = self.path / LOCK
        me = {"pid": os.getpid(), "host": socket.gethostname(),
              "started": datetime.now(UTC).isoformat(timespec="seconds")}
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    holder = json.loads(lock.read_text())
                    pid, host = int(holder["pid"]), str(holder["host"])
                except (OSError, ValueError, KeyError, TypeError):
                    holder, pid, host = {}, -1, me["host"]  # unreadable: a writer died early
                if host == me["host"] and (pid < 0 or not _pid_alive(pid)):
                    with contextlib.suppress(FileNotFoundError):
                        lock.unlink()
                    continue
                raise StoreError(
                    f"store {str(self.path)!r} is in use by process {pid} on {host} (since "
                    f"{holder.get('started', '?')}); if that process is gone, delete "
                    f"{lock}") from None
            with os.fdopen(fd, "w") as handle:
                handle.write(json.dumps(me))
            self._locked = True
            self.chunks.mkdir(exist_ok=True)
            return
        raise StoreError(f"cannot take the lock {lock}")

    def release(self) -> None:
        if self._locked:
            with contextlib.suppress(FileNotFoundError):
                (self.path / LOCK).unlink()
            self._locked = False

    # ------------------------------------------------------------------ chunks
    def chunk_path(self, index: int) -> Path:
        return self.chunks / f"chunk-{index:06d}.npz"

    def _meta(self, result: ChunkResult) -> dict[str, Any]:
        return {"format_version": FORMAT_VERSION, "sweep_id": self.manifest.sweep_id,
                "index": result.index, "start": result.start, "stop": result.stop,
                "outputs": list(result.outputs), "errors": list(result.errors),
                "warnings": list(result.warnings), "elapsed_s": result.elapsed_s}

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
        atomic_write_bytes(final, buffer.getvalue(), tmp)
        return final

    def read_chunk(self, index: int) -> ChunkResult:
        """Read and verify chunk ``index``; :class:`CorruptChunkError` says what is wrong."""
        path = self.chunk_path(index)
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
        if values.dtype != np.dtype("<f8") or self._checksum(meta, values) != claimed:
            raise CorruptChunkError("checksum mismatch (content changed after it was written)")
        start, stop = self.manifest.chunk_bounds(index)
        if meta.get("sweep_id") != self.manifest.sweep_id:
            raise CorruptChunkError("belongs to another sweep (sweep id differs)")
        if (meta.get("index"), meta.get("start"), meta.get("stop")) != (index, start, stop):
            raise CorruptChunkError(f"holds points {meta.get('start')}..{meta.get('stop')}, not "
                               f"chunk {index}'s {start}..{stop}")
        n = stop - start
        outputs = tuple(meta.get("outputs", ()))
        if values.shape != (len(outputs), n) or len(meta.get("errors", ())) != n \
                or len(meta.get("warnings", ())) != n:
            raise CorruptChunkError(f"shape {values.shape} does not match {len(outputs)} outputs x "
                               f"{n} points")
        return ChunkResult(index, start, stop, outputs, values, tuple(meta["errors"]),
                           tuple(meta["warnings"]), float(meta.get("elapsed_s", 0.0)))

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

    def write_dataset(self, dataset) -> Path:
        """Write the assembled Dataset as NetCDF (scipy engine), atomically."""
        data = dataset.to_netcdf(engine="scipy")
        atomic_write_bytes(self.dataset_path, bytes(data))
        return self.dataset_path
