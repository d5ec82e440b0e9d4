"""The physical systems of the five papers, one verb set for all
(:class:`~spinthermo.models.base.Model`).

* ``AlkaliPumping`` — optically pumped alkali vapour (seed 000);
* ``DrivenQubit`` — driven open qubit, Floquet–Lindblad (seed 001);
* ``MeanFieldModel``, ``TwoModeExchange``, ``StochasticCollisionModel`` — the alkali–noble-gas
  spin interface (seed 002);
* ``CollisionModel``, ``DipolarCluster``, ``DrivenDipolarCluster`` — coherence and heat
  currents of dipole-coupled atoms (seed 003);
* ``PumpedAtom`` — light shift of a D1-pumped alkali atom (seed 004).

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
    "DrivenDipolarCluster": "dipolar", "DrivenDipolarClusterParameters": "dipolar",
    "PumpedAtom": "light_shift", "LightShiftParameters": "light_shift",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"spinthermo.models.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'spinthermo.models' has no attribute {name!r}")
