"""The fair QuTiP peer for a mean-field steady state: a secant iteration on the one unknown.

``qutip.steadystate`` solves linear Liouvillians only. With the pump along z, seed 000's mean
field reduces by symmetry to one number, ⟨S_z⟩ = m (⟨S_x⟩ = ⟨S_y⟩ = 0), and the steady state
solves g(m) = ⟨S_z⟩[𝓛₀ + m 𝒢_z] − m = 0. A skilled QuTiP user closes that loop with a secant
(``scipy.optimize.root_scalar(method="secant")`` does the same; it is written out here so that
the ``steadystate`` calls are counted): 3–4 solves instead of the ~40 of a fixed-point
iteration, with the Liouvillians built once, outside the loop.
"""

from __future__ import annotations

from collections.abc import Callable

#: The secant stops when |g(m)| is below this (⟨S_z⟩ to 1e-13, under every agreement limit).
SECANT_TOL = 1e-13


def secant_steady_state(solve_at: Callable[[float], tuple[float, object]],
                        start: tuple[float, float] = (0.0, 0.25), tol: float = SECANT_TOL,
                        max_iterations: int = 50):
    """Root of g(m) = ⟨S_z⟩(m) − m by the secant method; returns the state at the root.

    ``solve_at(m)`` returns ``(⟨S_z⟩, state)`` of the linear steady state with the mean field
    frozen at m.
    """
    m0, m1 = start
    g0 = solve_at(m0)[0] - m0
    for _ in range(max_iterations):
        value, state = solve_at(m1)
        g1 = value - m1
        if abs(g1) < tol:
            return state
        m0, m1, g0 = m1, m1 - g1 * (m1 - m0) / (g1 - g0), g1
    raise RuntimeError("secant on <S_z> did not converge")
