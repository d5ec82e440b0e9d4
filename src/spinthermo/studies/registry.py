"""The study registry: CLI name -> ``"module:ClassName"``, imported only when used.

Each entry also stores the one-line description, so ``spinthermo list`` imports nothing
heavy. To add a study, add a :class:`StudyEntry` to ``ENTRIES`` (or call :func:`register`).

>>> "opm-thermo" in STUDIES
True
>>> STUDIES["opm-thermo"]
'spinthermo.studies.opm_thermo:OpmThermoStudy'
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spinthermo.studies.contract import Study

__all__ = ["ENTRIES", "STUDIES", "StudyEntry", "get_study", "list_studies", "register"]


@dataclass(frozen=True)
class StudyEntry:
    """A registered study: its CLI ``name``, ``target`` ``"module:ClassName"`` and a
    one-line ``description``."""

    name: str
    target: str
    description: str


ENTRIES: dict[str, StudyEntry] = {
    e.name: e
    for e in (
        StudyEntry(
            "opm-thermo",
            "spinthermo.studies.opm_thermo:OpmThermoStudy",
            "Quantum thermodynamics of optically pumped alkali spins (seed 000)",
        ),
        StudyEntry("light-shift", "spinthermo.studies.light_shift:LightShiftStudy",
                   "Light shifts and light narrowing in a D1-pumped Cs vapour (seed 004)"),
        StudyEntry("driven-qubit", "spinthermo.studies.driven_qubit:DrivenQubitStudy",
                   "Heat and work of a driven open qubit in three frameworks (seed 001)"),
        StudyEntry(
            "dipolar-coherence",
            "spinthermo.studies.dipolar_coherence:DipolarCoherenceStudy",
            "Thermal generation and harvesting of coherence in dipole-coupled atoms (seed 003)",
        ),
        StudyEntry(
            "noble-gas",
            "spinthermo.studies.noble_gas:NobleGasStudy",
            "Quantum interface between alkali and noble-gas spins by spin-exchange collisions "
            "(seed 002)",
        ),
    )
}


class _Targets(Mapping[str, str]):
    """Read-only view of ``ENTRIES`` as name -> ``"module:ClassName"``."""

    def __getitem__(self, name: str) -> str:
        return ENTRIES[name].target

    def __iter__(self) -> Iterator[str]:
        return iter(ENTRIES)

    def __len__(self) -> int:
        return len(ENTRIES)

    def __repr__(self) -> str:
        return repr(dict(self))


STUDIES: Mapping[str, str] = _Targets()


def register(name: str, target: str, description: str) -> StudyEntry:
    """Add (or replace) a study in the registry and return its entry."""
    if ":" not in target:
        raise ValueError(f"target must read 'module:ClassName'; received {target!r}")
    entry = StudyEntry(name, target, description)
    ENTRIES[name] = entry
    return entry


def list_studies() -> list[tuple[str, str]]:
    """``(name, description)`` of every registered study, sorted by name; imports nothing."""
    return [(e.name, e.description) for e in sorted(ENTRIES.values(), key=lambda e: e.name)]


def get_study(name: str) -> Study:
    """Import and instantiate the study registered as ``name``.

    Raises ``ValueError`` naming the known studies when ``name`` is not registered.

    >>> get_study("no-such-study")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown study 'no-such-study'; known studies: ...opm-thermo...
    """
    from spinthermo.studies.contract import Study

    if name not in ENTRIES:
        known = ", ".join(sorted(ENTRIES)) or "(none)"
        close = difflib.get_close_matches(name, list(ENTRIES), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown study {name!r}{hint}; known studies: {known}")
    module_name, _, class_name = ENTRIES[name].target.partition(":")
    module = importlib.import_module(module_name)
    cls = getattr(module, class_name)
    if not (isinstance(cls, type) and issubclass(cls, Study)):
        raise TypeError(f"{ENTRIES[name].target} is not a Study subclass")
    return cls()
