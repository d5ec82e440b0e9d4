"""Seed 000 Eq. (1): analytic limits, invariants and an independent QuTiP implementation."""

import numpy as np
import pytest
import qutip

import spinthermo as st
from spinthermo.models.alkali_pumping import AlkaliPumping, spin_temperature_state

RATES = {"pumping_rate": 1.4e4, "spin_exchange_rate": 1.4e4, "spin_destruction_rate": 30.0}


def test_spin_half_without_nucleus_relaxes_exponentially():
    """I = 0: ⟨2S_z⟩(t) = sR/(R+Γ_SD) (1 − e^{−(R+Γ_SD)t}), independent of Γ_SE."""
    r, g_sd, s = 2.0e3, 500.0, 0.7
    model = AlkaliPumping(nuclear_spin=0.0, pumping_rate=r, spin_exchange_rate=1e4,
                          spin_destruction_rate=g_sd, photon_spin=s)
    times = np.linspace(0, 5e-3, 51)
    pol = 2 * model.expectation(model.evolve_coordinates(times).states, "S", "z")
    p_ss = s * r / (r + g_sd)
    np.testing.assert_allclose(pol, p_ss * (1 - np.exp(-(r + g_sd) * times)), atol=1e-8)
    assert 2 * model.expectation(model.steady_state(), "S", "z") == pytest.approx(p_ss, rel=1e-12)


@pytest.mark.parametrize("nuclear_spin", [1.5, 2.5, 3.5])
@pytest.mark.parametrize("axis", ["z", "x"])
@pytest.mark.parametrize("s", [0.25, 0.75])
def test_ness_is_the_spin_temperature_state(nuclear_spin, axis, s):
    """⟨2S⟩ = s R/(R + Γ_SD) and ρ = e^{βF_k}/Z (seed 000 Sec. II; Appelt et al. 1998)."""
    model = AlkaliPumping(nuclear_spin=nuclear_spin, photon_spin=s, axis=axis, **RATES)
    x = model.steady_state_coordinates()
    p = 2 * model.expectation(x, "S", axis)
    assert p == pytest.approx(s * 1.4e4 / (1.4e4 + 30.0), rel=1e-10)
    rho = model.density_matrix(x)
    np.testing.assert_allclose(rho, spin_temperature_state(model.atom, p, axis), atol=1e-10)


def test_trajectory_converges_to_newton_ness_and_stays_physical():
    model = AlkaliPumping(nuclear_spin=1.5, photon_spin=0.6, axis="x", **RATES)
    times = np.linspace(0, 60 / 1.4e4, 300)
    rho = model.density_matrix(model.evolve_coordinates(times).states)
    np.testing.assert_allclose(np.trace(rho, axis1=1, axis2=2), 1.0, atol=1e-10)
    np.testing.assert_allclose(rho, np.conj(np.swapaxes(rho, 1, 2)), atol=1e-12)
    assert np.linalg.eigvalsh(rho).min() > -1e-10
    np.testing.assert_allclose(rho[-1], model.density_matrix(model.steady_state()), atol=1e-6)


def test_exact_equation_approaches_secular_as_hyperfine_grows():
    """Hyperfine coherences made by the pump average out as (Γ/A_hfs)²; the secular limit."""
    gamma = 1e4
    kwargs = {"nuclear_spin": 1.5, "photon_spin": (0.3, 0.0, 0.5), "pumping_rate": gamma,
              "spin_exchange_rate": gamma, "spin_destruction_rate": 100.0}
    times = np.linspace(0, 4 / gamma, 41)
    secular = AlkaliPumping(**kwargs)
    fz_secular = secular.expectation(secular.evolve_coordinates(times).states, "F", "z")
    errors = []
    for ratio in (2.0, 20.0, 200.0):
        exact = AlkaliPumping(**kwargs, secular=False, a_hfs=ratio * gamma)
        fz = exact.expectation(exact.evolve_coordinates(times).states, "F", "z")
        errors.append(np.abs(fz - fz_secular).max())
    assert errors[0] / errors[1] > 30 and errors[1] / errors[2] > 30
    assert errors[2] < 1e-4
    # The spin-temperature NESS commutes with I·S, so there both equations agree exactly.
    exact = AlkaliPumping(**kwargs, secular=False, a_hfs=2 * gamma)
    np.testing.assert_allclose(exact.density_matrix(exact.steady_state()),
                               secular.density_matrix(secular.steady_state()), atol=1e-10)


def qutip_exact_alkali(nuclear_spin, a_hfs, r_op, g_se, g_sd, s_vec):
    """Eq. (1) written independently with QuTiP in the product basis |m_I⟩⊗|m_S⟩."""
    d_i = int(2 * nuclear_spin + 1)
    s_ops = [qutip.tensor(qutip.qeye(d_i), qutip.jmat(0.5, a)) for a in "xyz"]
    i_ops = [qutip.tensor(qutip.jmat(nuclear_spin, a), qutip.qeye(2)) for a in "xyz"]
    h0 = a_hfs * sum(i * s for i, s in zip(i_ops, s_ops, strict=True))
    ident = qutip.to_super(qutip.qeye_like(h0))
    phi = 0.25 * ident + sum(qutip.sprepost(s, s) for s in s_ops)
    pump_op = qutip.qeye_like(h0) + 2 * sum(c * s for c, s in zip(s_vec, s_ops, strict=True))
    l0 = (qutip.liouvillian(h0) + r_op * (qutip.spost(pump_op) * phi - ident)
          + g_se * (phi - ident) + g_sd * (phi - ident))
    feedback = [4 * g_se * qutip.spost(s) * phi for s in s_ops]

    def coefficient(name):
        def value(t, **args):
            return args[name]
        return value

    args = {f"S{a}": qutip.MESolver.ExpectFeedback(s) for a, s in zip("xyz", s_ops, strict=True)}
    evo = qutip.QobjEvo([l0] + [[op, coefficient(f"S{a}")] for a, op in zip("xyz", feedback,
                                                                             strict=True)],
                        args=args)
    fz = i_ops[2] + s_ops[2]
    return evo, fz, h0


def test_exact_equation_agrees_with_independent_qutip_implementation():
    gamma = 1e4
    s_vec = (0.3, 0.0, 0.5)
    evo, fz, h0 = qutip_exact_alkali(1.5, 7 * gamma, gamma, gamma, 200.0, s_vec)
    times = np.linspace(0, 8 / gamma, 41)
    rho0 = qutip.qeye_like(h0) / 8
    reference = qutip.mesolve(evo, rho0, times, e_ops=[fz],
                              options={"atol": 1e-11, "rtol": 1e-10, "method": "dop853"})
    model = AlkaliPumping(nuclear_spin=1.5, photon_spin=s_vec, pumping_rate=gamma,
                          spin_exchange_rate=gamma, spin_destruction_rate=200.0,
                          secular=False, a_hfs=7 * gamma)
    options = st.EvolveOptions(rtol=1e-10, atol=1e-12)
    ours = model.expectation(model.evolve(times, options=options), "F", "z")
    np.testing.assert_allclose(ours, reference.expect[0], atol=1e-7)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"pumping_rate": -1.0}, "pumping_rate"), ({"spin_destruction_rate": np.nan},
                                                "spin_destruction_rate"),
     ({"photon_spin": 1.2}, "photon_spin"), ({"photon_spin": (1, 1, 0)}, "photon_spin")],
)
def test_bad_parameters_are_rejected(kwargs, name):
    with pytest.raises(ValueError, match=name):
        AlkaliPumping(nuclear_spin=1.5, **kwargs)


def test_a_batch_of_models_equals_each_model_alone():
    """AlkaliPumping.batch: the NESS and every diagnostic of each entry equal the per-point
    model's to 1e-12 (issue 15), for random rates and photon spins, pump along x."""
    from spinthermo.models.alkali_pumping import thermodynamics

    rng = np.random.default_rng(3)
    r, g_se = rng.uniform(1e2, 5e4, 7), rng.uniform(1e2, 5e4, 7)
    g_sd, s = rng.uniform(1.0, 1e3, 7), rng.uniform(0.0, 1.0, 7)
    batch = AlkaliPumping.batch("85Rb", r, g_se, g_sd, s, axis="x")
    states = batch.steady_state_coordinates()
    together = thermodynamics(batch, states)
    assert states.shape == (7, batch.generator.size)
    for k in range(7):
        alone = AlkaliPumping.from_species("85Rb", pumping_rate=r[k], spin_exchange_rate=g_se[k],
                                           spin_destruction_rate=g_sd[k], photon_spin=s[k],
                                           axis="x")
        np.testing.assert_allclose(states[k], alone.steady_state_coordinates(), atol=1e-12)
        single = thermodynamics(alone, alone.steady_state_coordinates())
        for name, value in single.items():
            np.testing.assert_allclose(together[name][k], value, rtol=1e-12, atol=1e-12,
                                       err_msg=name)


def test_a_batch_refuses_a_photon_spin_outside_the_unit_interval():
    with pytest.raises(ValueError, match=r"\|photon_spin\| must lie in \[0, 1\]"):
        AlkaliPumping.batch("87Rb", [1e3, 1e3], 1e4, 30.0, [0.5, 1.5])
