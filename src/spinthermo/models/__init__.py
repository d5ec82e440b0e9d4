"""The physical systems of the five papers, one verb set for all (:class:`Model`).

=========================  =====================================  ========
model                      system                                 seed
=========================  =====================================  ========
``AlkaliPumping``          optically pumped alkali vapour         000
``DrivenQubit``            driven open qubit, Floquet–Lindblad    001
``MeanFieldModel``,        alkali–noble-gas spin interface        002
``TwoModeExchange``,
``StochasticCollisionModel``
``CollisionModel``,        coherence of dipole-coupled atoms      003
``DipolarCluster``
``PumpedAtom``             light shift of a D1-pumped alkali      004
=========================  =====================================  ========

Names are imported on first use (``from spinthermo.models import AlkaliPumping``), so that
importing one model does not import the others.
"""

import importlib
from typing import Any

_EXPORTS = {
    "Model": "base", "OpenSystemSpec": "base", "not_applicable": "base",
    "AlkaliPumping": "alkali_pumping", "AlkaliPumpingParameters": "alkali_pumping",
    "DrivenQubit": "driven_qubit",
    "MeanFieldModel": "noble_gas.mean_field", "TwoModeExchange": "noble_gas.two_mode",
    "StochasticCollisionModel": "noble_gas.stochastic", "NobleGasCell": "noble_gas.parameters",
    "CollisionModel": "collision_model",
    "DipolarCluster": "dipolar", "DipolarClusterParameters": "dipolar",
    "PumpedAtom": "light_shift", "LightShiftParameters": "light_shift",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"spinthermo.models.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'spinthermo.models' has no attribute {name!r}")
