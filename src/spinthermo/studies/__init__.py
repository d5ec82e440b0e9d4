"""Paper reproductions ("studies"): the contract, the registry and the output writers.

A study subclasses :class:`Study`, returns a :class:`StudyResult` of data and :class:`Claim`
objects, and is registered by name in :mod:`spinthermo.studies.registry`.
"""

from spinthermo.studies.contract import Claim, Study, StudyResult, run_study
from spinthermo.studies.progress import NullProgress, Progress, RichProgress, resolve_progress

__all__ = [
    "Claim",
    "NullProgress",
    "Progress",
    "RichProgress",
    "Study",
    "StudyResult",
    "resolve_progress",
    "run_study",
]
