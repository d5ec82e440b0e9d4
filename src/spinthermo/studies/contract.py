"""The study contract: claims, study results and the ``Study`` base class.

A study reproduces one paper. ``Study.run`` computes an :class:`xarray.Dataset` holding every
curve of every figure (units in attributes) and a list of :class:`Claim`: the numbers and
checkable statements the paper makes, compared with what we computed. ``Study.plot`` redraws
the figures from the *saved* dataset only. See ``DESIGN.md``, "The study contract".

>>> c = Claim.close("peak", "000 Fig. 4(b)", "Peak position", 2.0, 2.1, rel=0.1,
...                 reason="read off the figure")
>>> c.passed, c.tolerance
(True, '±10 % (read off the figure)')
>>> sorted(c.to_dict())
['description', 'explanation', 'id', 'kind', 'ours', 'paper', 'passed', 'source', 'tolerance']
"""

from __future__ import annotations

import abc
import dataclasses
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from spinthermo.studies.citations import citation_for
from spinthermo.studies.progress import Progress, resolve_progress

if TYPE_CHECKING:
    import xarray

__all__ = ["CF_CONVENTIONS", "CLAIM_KINDS", "Claim", "Study", "StudyResult",
           "cf_global_attributes", "describe", "explained", "run_study"]

#: The CF conventions version every study's ``data.nc`` follows.
CF_CONVENTIONS = "CF-1.10"

Value = float | int | str | bool | None

#: What a claim is, with the heading it gets in reports: ``paper`` — a number or checkable
#: statement of the paper; ``consistency`` — an identity or symmetry of our own model (it
#: checks the code, not the paper); ``beyond`` — a finding the paper does not make.
CLAIM_KINDS = {
    "paper": "Claims of the paper",
    "consistency": "Consistency checks of our model",
    "beyond": "Beyond the paper",
}


def _clean_value(value: Any, name: str) -> Value:
    """Convert numpy scalars to Python scalars; reject anything that is not a scalar."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(
        f"Claim.{name} must be a float, int, str, bool or None; received "
        f"{type(value).__name__} {value!r}. Reduce arrays to the one number the paper quotes."
    )


def _json_value(value: Value) -> Value:
    """Return ``value`` JSON-safe: non-finite floats become strings ('nan', 'inf', '-inf')."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _fmt_number(x: float) -> str:
    return f"{x:.6g}"


@dataclass(frozen=True)
class Claim:
    """One number or checkable statement of a paper, compared with ours.

    Parameters
    ----------
    id : str
        Short unique identifier within the study, e.g. ``"fig4b-peak"``.
    source : str
        Seed file and figure/equation, e.g. ``"000 Fig. 4(b)"``.
    description : str
        One line saying what is compared.
    paper, ours : float, str, bool or None
        The paper's value and ours (``None`` where there is none).
    tolerance : str
        The allowed difference with a one-line reason.
    passed : bool
        Whether ours agrees with the paper within the tolerance.
    kind : {"paper", "consistency", "beyond"}
        What the claim is (:data:`CLAIM_KINDS`): the paper's number or statement (default),
        an identity or symmetry of our own model, or a finding the paper does not make.
        Reports count and tabulate each kind separately.
    explanation : str
        For a claim that cannot pass with the paper's stated model: why (missing or
        inconsistent inputs in the paper, say). A failed claim with an explanation is still
        reported as failed, but does not make ``spinthermo reproduce`` exit non-zero; a failure
        without one does. Extends DESIGN.md's claim object by the key ``"explanation"``.

    Notes
    -----
    Build claims with :meth:`close` (numbers) or :meth:`check` (statements).
    """

    id: str
    source: str
    description: str
    paper: Value
    ours: Value
    tolerance: str
    passed: bool
    explanation: str = ""
    kind: str = "paper"

    def __post_init__(self) -> None:
        if self.kind not in CLAIM_KINDS:
            raise ValueError(f"Claim.kind must be one of {sorted(CLAIM_KINDS)}; received "
                             f"{self.kind!r} (claim {self.id!r})")
        for name in ("id", "source", "description", "tolerance"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise TypeError(f"Claim.{name} must be a non-empty str; received "
                                f"{getattr(self, name)!r}")
        object.__setattr__(self, "paper", _clean_value(self.paper, "paper"))
        object.__setattr__(self, "ours", _clean_value(self.ours, "ours"))
        if not isinstance(self.passed, bool | np.bool_):
            raise TypeError(f"Claim.passed must be a bool; received {self.passed!r}")
        object.__setattr__(self, "passed", bool(self.passed))

    @classmethod
    def close(
        cls,
        id: str,
        source: str,
        description: str,
        paper: float,
        ours: float | None,
        rel: float | None = None,
        abs: float | None = None,
        reason: str = "",
        kind: str = "paper",
    ) -> Claim:
        """A numerical claim: passed when ``|ours - paper| <= abs + rel * |paper|``.

        ``reason`` (required) says in one line why the tolerance has that value. A
        non-finite or missing ``ours`` fails.

        >>> Claim.close("x", "001 Eq. (3)", "Limit", 1.0, 1.2, abs=0.1, reason="digitised").passed
        False
        """
        if rel is None and abs is None:
            raise ValueError(f"Claim.close({id!r}): give rel= and/or abs= (the tolerance)")
        if not reason:
            raise ValueError(
                f"Claim.close({id!r}): give reason='...', one line on why the tolerance "
                "has that value"
            )
        for name, tol in (("rel", rel), ("abs", abs)):
            if tol is not None and not (math.isfinite(tol) and tol >= 0):
                raise ValueError(f"Claim.close({id!r}): {name} must be finite and >= 0; "
                                 f"received {tol!r}")
        paper_v = _clean_value(paper, "paper")
        ours_v = _clean_value(ours, "ours")
        if not isinstance(paper_v, int | float) or isinstance(paper_v, bool):
            raise TypeError(f"Claim.close({id!r}): paper must be a number; received {paper!r}")
        allowed = (abs or 0.0) + (rel or 0.0) * math.fabs(paper_v)
        passed = (
            isinstance(ours_v, int | float)
            and not isinstance(ours_v, bool)
            and math.isfinite(ours_v)
            and math.fabs(ours_v - paper_v) <= allowed
        )
        parts = []
        if rel is not None:
            parts.append(f"{_fmt_number(100 * rel)} %")
        if abs is not None:
            parts.append(_fmt_number(abs))
        bound = parts[0] if len(parts) == 1 else "(" + " + ".join(parts) + ")"
        return cls(id, source, description, paper_v, ours_v, f"±{bound} ({reason})", passed,
                   kind=kind)

    @classmethod
    def check(
        cls,
        id: str,
        source: str,
        description: str,
        paper: Value,
        ours: Value,
        passed: bool,
        tolerance: str,
        kind: str = "paper",
    ) -> Claim:
        """A checkable statement (a limit, a scaling law, an ordering) decided by the study.

        >>> Claim.check("mono", "002 Fig. 2", "P rises with pump rate", True, True, True,
        ...             "exact (monotonic on the grid)").passed
        True
        """
        return cls(id, source, description, paper, ours, tolerance, bool(passed), kind=kind)

    def explain(self, explanation: str) -> Claim:
        """This claim with ``explanation`` attached if it failed (why the paper's stated model
        cannot reach it); a passing claim is returned unchanged."""
        return self if self.passed else dataclasses.replace(self, explanation=explanation)

    def to_dict(self) -> dict[str, Value]:
        """The claim as a JSON-safe dict with exactly the keys of ``claims.json``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source,
            "description": self.description,
            "paper": _json_value(self.paper),
            "ours": _json_value(self.ours),
            "tolerance": self.tolerance,
            "passed": self.passed,
            "explanation": self.explanation,
        }


@dataclass
class StudyResult:
    """What :meth:`Study.run` returns: data, claims, the parameters used and the run time."""

    name: str
    data: xarray.Dataset
    claims: list[Claim]
    parameters: dict[str, Any] = field(default_factory=dict)
    runtime_s: float = 0.0

    @property
    def failed(self) -> list[Claim]:
        """The claims that did not pass."""
        return [c for c in self.claims if not c.passed]

    @property
    def n_passed(self) -> int:
        """Number of claims that passed."""
        return sum(c.passed for c in self.claims)

    def of_kind(self, kind: str) -> list[Claim]:
        """The claims of one kind (a key of :data:`CLAIM_KINDS`), in study order."""
        if kind not in CLAIM_KINDS:
            raise ValueError(f"kind must be one of {sorted(CLAIM_KINDS)}; received {kind!r}")
        return [c for c in self.claims if c.kind == kind]

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """``{kind: {"total", "passed", "explained", "unexplained"}}`` for every kind present."""
        counts = {}
        for kind in CLAIM_KINDS:
            claims = self.of_kind(kind)
            if claims:
                passed = sum(c.passed for c in claims)
                explained = sum(not c.passed and bool(c.explanation) for c in claims)
                counts[kind] = {"total": len(claims), "passed": passed, "explained": explained,
                                "unexplained": len(claims) - passed - explained}
        return counts

    @property
    def unexplained_failures(self) -> list[Claim]:
        """Failed claims with no explanation; each makes ``reproduce`` exit non-zero."""
        return [c for c in self.failed if not c.explanation]

    @property
    def all_passed(self) -> bool:
        """True when every claim passed."""
        return not self.failed


class Study(abc.ABC):
    """Base class of a paper reproduction.

    Subclasses set the class attributes ``name`` (the CLI name, e.g. ``"opm-thermo"``),
    ``title``, ``seed`` (the seed file, e.g. ``"000_76dbaf624e350eba.txt"``) and
    ``description`` (one line), and implement :meth:`run` and :meth:`plot`.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    seed: ClassVar[str]
    description: ClassVar[str]

    @abc.abstractmethod
    def run(self, quick: bool = False, progress: Progress | None = None) -> StudyResult:
        """Compute the data and claims; ``quick`` shrinks grids so the run takes seconds.

        Wrap loops in ``progress.track(...)`` (use ``resolve_progress(progress)``).
        """

    @abc.abstractmethod
    def plot(self, data: xarray.Dataset, out_dir: Path) -> list[Path]:
        """Draw the figures from the saved ``data`` into ``out_dir`` (png and pdf).

        Returns the paths written. Use :func:`spinthermo.studies.output.save_figure`.
        """


def explained(claim: Claim, explanation: str) -> Claim:
    """``claim.explain(explanation)``: attach why a failed claim cannot pass."""
    return claim.explain(explanation)


def describe(data: xarray.Dataset, attributes: Mapping[str, Mapping[str, str]]) -> xarray.Dataset:
    """Set the attributes (``long_name``, ``units``, ...) of the named variables and
    coordinates of ``data`` in place and return ``data``.

    Every name must exist in ``data``: a misspelt name raises ``KeyError`` instead of being
    silently ignored.
    """
    unknown = sorted(set(attributes) - set(data.variables))
    if unknown:
        raise KeyError(f"describe: no variable or coordinate named {unknown} in the dataset; "
                       f"it holds {sorted(map(str, data.variables))}")
    for name, attrs in attributes.items():
        data[name].attrs.update(attrs)
    return data


def cf_global_attributes(study: Study, quick: bool) -> dict[str, str]:
    """The CF-1.10 global attributes of a study's dataset (CF §2.6.2: ``Conventions``,
    ``title``, ``history``, ``source``, ``references``).

    ``history`` is the ISO 8601 UTC time of the run, the command that reproduces it and the
    spinthermo version; ``references`` the paper's full citation
    (:meth:`spinthermo.studies.citations.Citation.full`), or a note for a study of no listed
    paper.
    """
    from spinthermo import __version__

    command = f"spinthermo reproduce {study.name}" + (" --quick" if quick else "")
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    citation = citation_for(study.name) or citation_for(getattr(study, "seed", "") or "")
    return {
        "Conventions": CF_CONVENTIONS,
        "title": getattr(study, "title", study.name),
        "history": f"{stamp}: {command} (spinthermo {__version__})",
        "source": f"spinthermo {__version__}, study {study.name}",
        "references": citation.full() if citation else "No paper listed in "
                                                         "spinthermo.studies.citations.",
    }


def run_study(study: Study, quick: bool = False, progress: Progress | None = None) -> StudyResult:
    """Run ``study``, time it, record ``quick`` among the parameters and set the CF global
    attributes of its dataset (:func:`cf_global_attributes`; the study's own attributes stay).
    """
    start = time.perf_counter()
    result = study.run(quick=quick, progress=resolve_progress(progress))
    elapsed = time.perf_counter() - start
    if not isinstance(result, StudyResult):
        raise TypeError(f"{type(study).__name__}.run must return a StudyResult; received "
                        f"{type(result).__name__}")
    parameters = {**result.parameters}
    parameters.setdefault("quick", quick)
    data = result.data.assign_attrs(cf_global_attributes(study, quick))
    return dataclasses.replace(result, data=data, parameters=parameters, runtime_s=elapsed)
