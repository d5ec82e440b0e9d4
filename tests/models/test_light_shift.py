"""Seed 004: full, effective, rate and spin-temperature treatments against each other."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinthermo.core import steady
from spinthermo.core.superop import spost, sprepost, vec
from spinthermo.models import light_shift
from spinthermo.models.alkali_pumping import AlkaliAtom
from spinthermo.models.light_shift import (
    LINE_PROBLEMS,
    LightShiftParameters,
    PumpedAtom,
    _relaxation,
    _spin_exchange_feedback,
    closed_form_optical_liouvillian,
    optical_pumping_rate_and_light_shift,
    read_dispersive_lines,
    single_coherence_estimate,
)

PAPER_100_TORR = LightShiftParameters()
PAPER_700_TORR = LightShiftParameters(pressure_broadening_hz=4.2e9, relaxation_hz=1.65e3)


def physical(rho, atol=1e-9):
    return (abs(np.trace(rho) - 1) < atol and np.allclose(rho, rho.conj().T, atol=atol)
            and np.linalg.eigvalsh(rho).min() > -atol)


@pytest.mark.parametrize("detuning_hz", [0.0, 9.193e9])
def test_full_and_effective_steady_states_are_physical_and_agree(detuning_hz):
    p = PAPER_100_TORR.__class__(detuning_hz=detuning_hz)
    full, eff = PumpedAtom(p, "full"), PumpedAtom(p, "effective")
    assert physical(full.density_matrix()) and physical(eff.density_matrix())
    np.testing.assert_allclose(full.generator.trace @ full.generator.linear, 0, atol=1e-3)
    assert abs(full.electron_spin_z() - eff.electron_spin_z()) < 1e-5
    np.testing.assert_allclose(full.ground_density_matrix(), eff.ground_density_matrix(),
                               atol=1e-5)
    assert PumpedAtom(p, "rate").electron_spin_z() == pytest.approx(eff.electron_spin_z(), abs=1e-9)


@pytest.mark.parametrize("handedness", ["left", "right"])
@pytest.mark.parametrize("params", [PAPER_100_TORR, PAPER_700_TORR])
@pytest.mark.parametrize("detuning_hz", [-2e9, 0.0, 5e9, 9.193e9])
def test_numerical_elimination_equals_closed_form(handedness, params, detuning_hz):
    p = params.__class__(**{**params.__dict__, "handedness": handedness,
                            "detuning_hz": detuning_hz})
    closed = PumpedAtom(p, "effective", "closed-form").generator.linear
    numerical = PumpedAtom(p, "effective", "numerical").generator.linear
    np.testing.assert_allclose(numerical, closed, atol=1e-9 * np.abs(closed).max())


def test_effective_converges_to_full_as_driving_weakens():
    """Corrections to the elimination are O(Ω²/Γ_pb²): keep the effective steady state fixed
    (relaxation ∝ Ω², no spin exchange, no field) and shrink Ω/Γ_pb by 3."""
    errors = []
    for rabi in (600e6, 200e6):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            p = LightShiftParameters(rabi_hz=rabi, detuning_hz=9.193e9, spin_exchange_hz=0.0,
                                     relaxation_hz=1e8 * (rabi / 600e6) ** 2, field_gauss=0.0)
            full, eff = PumpedAtom(p, "full"), PumpedAtom(p, "effective")
            errors.append(np.abs(full.ground_density_matrix()
                                 - eff.ground_density_matrix()).max())
    assert errors[0] / errors[1] > 6  # ≈ 9 for an (Ω/Γ)² error


def test_steady_state_is_physical_where_newton_alone_fails():
    """From the unpolarised state Newton's method lands on unphysical roots near Δ = −2.5 GHz;
    the self-consistent start finds the physical NESS, which the full equation confirms."""
    p = LightShiftParameters(detuning_hz=-2.5e9)
    eff = PumpedAtom(p, "effective")
    assert physical(eff.density_matrix())
    assert 0 < eff.electron_spin_z() < 0.5
    assert PumpedAtom(p, "full").electron_spin_z() == pytest.approx(eff.electron_spin_z(), abs=1e-5)


def test_spin_temperature_limit_of_the_effective_equation():
    """Γ_pb ≫ Δ_S, Δ_P: Eq. (18) → Eq. (30) and the NESS → e^{βF_z}/Z (Appelt et al. 1998)."""
    p = LightShiftParameters(pressure_broadening_hz=1e13, rabi_hz=2e9, detuning_hz=3e12)
    proj = PumpedAtom(p).projection
    closed = proj.superoperator(closed_form_optical_liouvillian(p))
    limit = PumpedAtom(p, "spin-temperature")
    eq30 = limit.generator.linear - proj.superoperator(
        PumpedAtom(p)._ground_linear_terms())
    assert np.abs(closed - eq30).max() < 2e-3 * np.abs(eq30).max()  # O(Δ_S/Γ_pb)
    rate, shift = optical_pumping_rate_and_light_shift(p)
    assert rate > 0 and shift > 0
    p = LightShiftParameters(pressure_broadening_hz=1e13, rabi_hz=5e7)
    pops = PumpedAtom(p, "effective").populations()
    upper, lower = pops[:9], pops[9:]
    # spin temperature: p(F, M) ∝ e^{βM}, the same for both F at equal M
    np.testing.assert_allclose(upper[1:8], lower, rtol=2e-3, atol=1e-12)
    beta = np.log(upper[0] / upper[1])
    np.testing.assert_allclose(upper[1:] / upper[:-1], np.exp(-beta), rtol=2e-3)


def test_spin_exchange_terms_match_seed_000_and_conserve_spin():
    atom = AlkaliAtom(1.5, secular=False)
    s_ops = atom.electron_spin
    rows, feedback = _spin_exchange_feedback(s_ops, 1.0)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(8, 8)) + 1j * rng.normal(size=(8, 8))
    rho = x @ x.conj().T
    v = vec(rho / np.trace(rho))
    ours = sum((r @ v) * (b @ v) for r, b in zip(rows, feedback, strict=True))
    phi = 0.25 * np.eye(64) + sum(sprepost(s, s) for s in s_ops)
    seed000 = sum((vec(s.T) @ v) * 4 * (spost(s) @ phi @ v) for s in s_ops)
    np.testing.assert_allclose(ours, seed000, atol=1e-14)
    rate = _relaxation(s_ops, 1.0) @ v + ours  # γ = γ_se, γ_sd = 0, no pump
    np.testing.assert_allclose([vec(s.T) @ rate for s in s_ops], 0, atol=1e-14)


def test_response_negative_frequency_part_is_the_adjoint():
    atom = PumpedAtom(PAPER_100_TORR, "effective")
    resp = atom.response()
    omega = 2 * np.pi * 35e3
    plus = atom.projection.embed(resp.amplitude(omega))
    minus = atom.projection.embed(resp.amplitude(-omega))
    np.testing.assert_allclose(minus, plus.conj().T, atol=1e-12 * np.abs(plus).max())


def test_far_detuned_light_shift_vanishes_and_linewidth_is_universal():
    shifts, widths = [], []
    for rabi, gamma in ((4.1e6, 0.6e9), (8e6, 0.6e9), (4.1e6, 4.2e9)):
        for detuning in (-2e12, 2e12):
            p = LightShiftParameters(rabi_hz=rabi, pressure_broadening_hz=gamma,
                                     detuning_hz=detuning)
            shift, width = PumpedAtom(p, "effective").light_shift_and_linewidth()
            shifts.append(shift)
            widths.append(width)
    near = PumpedAtom(PAPER_100_TORR, "effective").light_shift_and_linewidth()[0]
    assert np.max(np.abs(shifts)) < 0.02 * abs(near)
    np.testing.assert_allclose(widths, widths[0], rtol=1e-2)


def test_full_and_effective_light_shift_agree():
    p = LightShiftParameters(detuning_hz=0.0)
    full = PumpedAtom(p, "full").light_shift_and_linewidth()
    eff = PumpedAtom(p, "effective").light_shift_and_linewidth()
    np.testing.assert_allclose(full, eff, rtol=1e-3)


def test_bad_inputs():
    with pytest.raises(ValueError, match="pressure_broadening_hz"):
        LightShiftParameters(pressure_broadening_hz=-1.0)
    with pytest.raises(ValueError, match="species"):
        LightShiftParameters(species="Xx")
    with pytest.raises(ValueError, match="handedness"):
        LightShiftParameters(handedness="up")
    with pytest.warns(UserWarning, match="Ω/"):
        LightShiftParameters(rabi_hz=1e9)
    with pytest.raises(ValueError, match="treatment"):
        PumpedAtom(PAPER_100_TORR, "exact")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"detuning_hz": math.nan}, r"detuning_hz must be finite .*received nan Hz"),
        ({"detuning_hz": math.inf}, r"detuning_hz must be finite .*received inf Hz"),
        ({"field_gauss": math.nan}, r"field_gauss must be finite and lie in \[0, inf\) G"),
        ({"field_gauss": -0.1}, r"field_gauss must lie in \[0, inf\) G .*antiparallel.*"
                                r"received -0.1 G"),
        ({"rf_field_gauss": math.nan}, r"rf_field_gauss must be finite and lie in \(0, inf\) G"),
        ({"rf_field_gauss": 0.0}, r"rf_field_gauss must lie in \(0, inf\) G; received 0 G"),
    ],
)
def test_non_finite_or_unusable_parameters_are_rejected_on_construction(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LightShiftParameters(**kwargs)


def test_zero_field_is_rejected_before_the_response_is_computed():
    """B = 0 is a valid steady state but has no Larmor resonance to look for (Sec. IV)."""
    atom = PumpedAtom(LightShiftParameters(field_gauss=0.0), "effective")
    with pytest.raises(ValueError, match=r"field_gauss must lie in \(0, inf\) G .*Larmor"):
        atom.light_shift_and_linewidth()


def test_string_and_flag_types_are_rejected():
    with pytest.raises(TypeError, match=r"detuning_hz .* dtype <U"):
        LightShiftParameters(detuning_hz="1e9")
    with pytest.raises(TypeError, match="antiparallel must be a bool"):
        LightShiftParameters(antiparallel="yes")


def _eq45_linewidth_hz(p: LightShiftParameters) -> float:
    """Seed 004 Eq. (45), written out here: Ω²/(2I+1) Γ/(Γ² + Δ_aa²) + (I+1)/(2I+1) γ_sd."""
    i_spin = p.atom.nuclear_spin
    d_aa = p.detuning_hz - p.atom.a_hfs_hz * (i_spin + 0.5)
    gamma = p.pressure_broadening_hz
    gamma_sd = p.relaxation_hz - p.spin_exchange_hz
    return (p.rabi_hz**2 / (2 * i_spin + 1) * gamma / (gamma**2 + d_aa**2)
            + (i_spin + 1) / (2 * i_spin + 1) * gamma_sd)


@pytest.mark.parametrize("species", ["23Na", "39K", "85Rb", "87Rb", "133Cs"])
@pytest.mark.parametrize("gamma_sd_hz", [0.0, 220.0])
def test_eq42_at_full_polarization_is_eq45(species, gamma_sd_hz):
    """Eq. (42) with γ = γ_sd + γ_ex reduces at ⟨S_z⟩ = 1/2 to Eq. (45): spin exchange drops out
    (perfect light narrowing). A wrong (I+1)/(2I+1) or 2I/(2I+1) factor leaves γ_ex behind."""
    p = LightShiftParameters(species=species, relaxation_hz=1.31e3 + gamma_sd_hz)
    estimate = single_coherence_estimate(p, 0.5)
    assert estimate["linewidth_hz"] == pytest.approx(_eq45_linewidth_hz(p), rel=1e-12)
    assert estimate["fully_polarized_linewidth_hz"] == pytest.approx(_eq45_linewidth_hz(p),
                                                                     rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(species=st.sampled_from(["23Na", "39K", "85Rb", "87Rb", "133Cs"]),
       rabi_hz=st.floats(0.0, 1e7), pressure_broadening_hz=st.floats(1e8, 1e10),
       detuning_hz=st.floats(-2e10, 2e10), spin_exchange_hz=st.floats(0.0, 1e4),
       gamma_sd_hz=st.floats(0.0, 1e4), polarization=st.floats(-0.5, 0.5))
def test_eq42_linewidth_is_never_negative(species, rabi_hz, pressure_broadening_hz, detuning_hz,
                                          spin_exchange_hz, gamma_sd_hz, polarization):
    """Over every allowed ⟨S_z⟩ ∈ [−1/2, 1/2] and parameter set, γ̃ of Eq. (42) minus the
    pumping and γ_sd parts of Eq. (45) is the spin-exchange part γ_ex I(1 − 2⟨S_z⟩)/(2I+1) ≥ 0."""
    p = LightShiftParameters(species=species, rabi_hz=rabi_hz,
                             pressure_broadening_hz=pressure_broadening_hz,
                             detuning_hz=detuning_hz, spin_exchange_hz=spin_exchange_hz,
                             relaxation_hz=spin_exchange_hz + gamma_sd_hz)
    width = single_coherence_estimate(p, polarization)["linewidth_hz"]
    i_spin = p.atom.nuclear_spin
    exchange_part = spin_exchange_hz * i_spin * (1 - 2 * polarization) / (2 * i_spin + 1)
    assert width >= 0
    assert width - _eq45_linewidth_hz(p) == pytest.approx(exchange_part, abs=1e-9 * (1 + width))


@pytest.mark.parametrize("polarization", [0.5000001, -0.6, math.nan])
def test_eq42_rejects_impossible_polarization(polarization):
    with pytest.raises(ValueError, match=r"electron_spin_z must .*\[-0.5, 0.5\]"):
        single_coherence_estimate(PAPER_100_TORR, polarization)


def test_zeeman_lines_reduce_to_the_whole_response_for_a_single_line():
    """At Δ = 0 (100 torr) F = b is emptied and its modes carry < 1 % of the response: the
    F = a line read on its own modes is the paper's whole-response reading."""
    atom = PumpedAtom(PAPER_100_TORR, "effective")
    lines = atom.zeeman_lines()
    shift, width = atom.light_shift_and_linewidth()
    assert lines["weight"][1] < 0.01
    assert lines["weight"].sum() == pytest.approx(1.0, abs=1e-12)
    assert lines["light_shift_hz"][0] == pytest.approx(shift, rel=1e-3)
    assert lines["linewidth_hz"][0] == pytest.approx(width, rel=1e-3)
    # one dispersive Lorentzian: half the distance between its extrema is its decay rate
    assert lines["linewidth_hz"][0] == pytest.approx(lines["mode_decay_hz"][0], rel=1e-2)


def test_resolved_lines_are_read_one_by_one_not_from_the_global_extrema():
    """Δ_aa = −0.1 GHz at 100 torr: the pump-broadened F = a line (kHz wide, shifted) and the
    narrow F = b line are resolved. Each line's width is its mode's decay rate; the global
    extrema of Re⟨S_x⁺⟩ belong to different lines and give neither (issue 14)."""
    p = LightShiftParameters(detuning_hz=9.0926e9, antiparallel=True)
    atom = PumpedAtom(p, "effective")
    lines = atom.zeeman_lines()
    whole_width = atom.light_shift_and_linewidth()[1]
    np.testing.assert_allclose(lines["linewidth_hz"], lines["mode_decay_hz"], rtol=0.03)
    assert lines["linewidth_hz"][0] > 2 * lines["linewidth_hz"][1]
    assert whole_width > 1.2 * lines["linewidth_hz"][0]
    # Eq. (41): the F = a line is shifted towards negative ω₀ − ω_L below Δ_aa = 0
    assert lines["light_shift_hz"][0] < -300.0 < 0.0 < lines["light_shift_hz"][1]


def test_zeeman_lines_reject_a_window_beyond_the_larmor_frequency():
    atom = PumpedAtom(PAPER_100_TORR, "effective")
    with pytest.raises(ValueError, match=r"search_half_width_hz.*received"):
        atom.zeeman_lines(search_half_width_hz=2 * abs(PAPER_100_TORR.larmor_hz))


@pytest.mark.parametrize(("species", "detuning_hz"), [("87Rb", 0.0), ("87Rb", -2.5e9),
                                                      ("85Rb", -6e9)])
def test_full_equation_is_solved_sparsely_and_equals_the_dense_engine(monkeypatch, species,
                                                                      detuning_hz):
    """Issue 15 item 4: the full equation's NESS comes from the sparse engine (the dense
    engine is not called) and equals the dense self-consistent + Newton solve of the same
    generator to 1e-10."""
    atom = PumpedAtom(LightShiftParameters(species=species, detuning_hz=detuning_hz), "full")
    start = steady.self_consistent_steady_state(atom.generator, atom.initial_guess()).state
    dense = steady.steady_state(atom.generator, start).state

    def refuse(*_args, **_kwargs):
        raise AssertionError("the dense engine solved the full equation")

    monkeypatch.setattr(light_shift, "self_consistent_steady_state", refuse)
    monkeypatch.setattr(light_shift, "steady_state", refuse)
    np.testing.assert_allclose(atom.steady_coordinates, dense, rtol=0, atol=1e-10)
    assert physical(atom.density_matrix())
    assert atom.steady_state().residual <= steady.DEFAULT_STEADY_TOL


def _dispersive_lorentzian(centre, decay, amplitude=3.0):
    """One mode λ = −Γ + iω₁ with residue r = iA: Re(−r/(λ − iω)) = A(ω − ω₁)/(Γ² + (ω − ω₁)²),
    a dispersive line with its maximum at ω₁ + Γ, its minimum at ω₁ − Γ, its zero at ω₁."""
    return np.array([[-decay + 1j * centre]]), np.array([[1j * amplitude]])


def test_line_reading_finds_a_dispersive_lorentzians_extrema_to_rounding():
    """Extrema as roots of the analytic slope: ω₁ ± Γ and ω₁ to 1e-15·ω₁, so the width is
    Γ/2π to 1e-12 (a bounded minimisation stops at √ε·ω ≈ 3e-3 rad/s here)."""
    centre, decay = 2 * np.pi * 35e3, 2 * np.pi * 118.0
    reading = read_dispersive_lines(*_dispersive_lorentzian(centre, decay), [0.5 * centre],
                                    [1.5 * centre])
    assert reading.read.tolist() == [True] and reading.problem(0) is None
    assert abs(reading.maximum[0] - (centre + decay)) <= 1e-15 * centre
    assert abs(reading.minimum[0] - (centre - decay)) <= 1e-15 * centre
    assert abs(reading.crossing[0] - centre) <= 1e-15 * centre
    assert reading.linewidth_hz[0] == pytest.approx(118.0, rel=1e-12)
    # σ⁺ against B: ω_L < 0, the shift carries its sign
    assert reading.light_shift_hz(-35e3 + 2.0)[0] == pytest.approx(-2.0, abs=1e-9)


def test_line_reading_is_stable_under_last_bit_changes_of_the_poles():
    """The Cs line at Δ = 0 (100 torr) read from its poles and from poles changed by 2 ulp:
    the extrema move by rounding only (1e-13 of the width), not by a minimiser's tolerance."""
    atom = PumpedAtom(PAPER_100_TORR, "effective")
    eigenvalues, residues = atom.transverse_poles(atom.response())
    rng = np.random.default_rng(7)
    nudged = [x * (1 + 4.4e-16 * rng.uniform(-1, 1, x.shape)) for x in (eigenvalues, residues)]
    larmor = 2 * np.pi * abs(PAPER_100_TORR.larmor_hz)
    window = ([0.5 * larmor], [1.5 * larmor])
    exact = read_dispersive_lines(eigenvalues[None], residues[None], *window)
    moved = read_dispersive_lines(nudged[0][None], nudged[1][None], *window)
    width = exact.linewidth_hz[0]
    assert abs(moved.linewidth_hz[0] - width) <= 1e-13 * width
    assert abs(moved.crossing[0] - exact.crossing[0]) <= 1e-15 * larmor
    assert (exact.light_shift_hz(PAPER_100_TORR.larmor_hz)[0], width) == pytest.approx(
        atom.light_shift_and_linewidth(), rel=1e-15)


def test_line_reading_takes_the_windows_edge_or_says_why_it_cannot_read():
    """A window that cuts the line above ω₁: the signal rises to the upper edge, which is the
    window's maximum; an absorptive (positive) line has no zero crossing: not read, with the
    reason."""
    centre, decay = 2 * np.pi * 35e3, 2 * np.pi * 118.0
    cut = read_dispersive_lines(*_dispersive_lorentzian(centre, decay),
                                [centre - 3 * decay], [centre + 0.5 * decay])
    assert cut.read[0] and cut.maximum[0] == centre + 0.5 * decay
    assert abs(cut.crossing[0] - centre) <= 1e-15 * centre
    absorptive = read_dispersive_lines(np.array([[-decay + 1j * centre]]), np.array([[3.0]]),
                                       [0.5 * centre], [1.5 * centre])
    assert not absorptive.read[0]
    assert absorptive.problem(0) == LINE_PROBLEMS[4] == (
        "no sign change of the response between its extrema")


@pytest.mark.parametrize("species", ["87Rb", "133Cs"])
def test_full_equation_is_built_sparse_and_equals_the_dense_generator(species):
    """Issue 15 item 4: the full Liouvillian (256² for ⁸⁷Rb, 1024² for ¹³³Cs) built directly
    in scipy.sparse, spontaneous decay included, is the dense generator to 1e-13 of its
    largest entry (the hyperfine splitting), term by term."""
    p = LightShiftParameters(species=species, detuning_hz=-2e9, spontaneous_decay_hz=4.6e6)
    atom = PumpedAtom(p, "full")
    sparse = atom.sparse_generator
    assert "generator" not in atom.__dict__  # no dense (d², d²) array was built for it
    dense = atom.generator
    scale = np.abs(dense.linear).max()
    np.testing.assert_allclose(sparse.linear.toarray(), dense.linear, rtol=0, atol=1e-13 * scale)
    assert len(sparse.feedback_ops) == len(dense.feedback_ops) == 3
    for sparse_op, dense_op in zip(sparse.feedback_ops, dense.feedback_ops, strict=True):
        np.testing.assert_allclose(sparse_op.toarray(), dense_op, rtol=0,
                                   atol=1e-13 * np.abs(dense_op).max())
    np.testing.assert_array_equal(sparse.feedback_rows, dense.feedback_rows)
    np.testing.assert_array_equal(sparse.trace, dense.trace)


def test_full_steady_state_is_solved_without_the_dense_generator():
    """The full NESS and its residual come from the sparse generator alone: the dense
    generator (0.4–1 s to build for Cs) is built only where asked for."""
    atom = PumpedAtom(LightShiftParameters(species="87Rb", detuning_hz=-2.5e9), "full")
    result = atom.steady_state()
    assert "generator" not in atom.__dict__
    assert physical(result.state) and result.residual <= steady.DEFAULT_STEADY_TOL
    # the same state solves the dense form of the equation
    assert steady.relative_residual(atom.generator, atom.steady_coordinates) <= \
        steady.DEFAULT_STEADY_TOL


def test_line_reading_rejects_mismatched_poles_and_windows():
    lam, r = _dispersive_lorentzian(2e5, 700.0)
    with pytest.raises(ValueError, match=r"one shape \(B, m\).*received \(1, 1\), \(1, 2\)"):
        read_dispersive_lines(lam, np.ones((1, 2)), [1e5], [3e5])
    with pytest.raises(ValueError, match=r"0 < low < high .*received low \[300000.\]"):
        read_dispersive_lines(lam, r, [3e5], [1e5])
    with pytest.raises(ValueError, match="low must be finite"):
        read_dispersive_lines(lam, r, [np.nan], [1e5])
