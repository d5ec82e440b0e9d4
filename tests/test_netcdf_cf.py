"""Every study's ``data.nc`` follows CF-1.10: global attributes, and a ``long_name`` and a
UDUNITS ``units`` on every variable and coordinate, one spelling per unit.

Units are parsed with ``cf_xarray.units`` (pint with the UDUNITS grammar); since pint also
accepts names UDUNITS does not know (``hbar``, ``nat`` as nano-atmosphere, ``N2`` as
newton²), every symbol must also be one of :data:`UDUNITS_SYMBOLS`.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pytest

xr = pytest.importorskip("xarray")
cf_units = pytest.importorskip("cf_xarray.units")

from spinthermo import __version__  # noqa: E402
from spinthermo.studies.citations import citation_for  # noqa: E402
from spinthermo.studies.contract import run_study  # noqa: E402
from spinthermo.studies.output import netcdf_engine, write_study  # noqa: E402
from spinthermo.studies.registry import get_study, list_studies  # noqa: E402

STUDIES = [name for name, _ in list_studies()]

#: The UDUNITS symbols the studies use (SI, prefixed SI and the accepted non-SI units).
UDUNITS_SYMBOLS = {"1", "s", "Hz", "kHz", "MHz", "GHz", "rad", "K", "m", "cm", "dB", "G", "mG",
                   "torr"}

#: Scaled time coordinates and the physical time coordinate (in s) that stands beside them.
PHYSICAL_TIME = {
    "opm-thermo": {"time_tse": "time"},
    "driven-qubit": {"time_g1": "time", "check_time_g1": "check_time",
                     "early_time_g1": "early_time"},
    "dipolar-coherence": {"time_fig2": "time_s_fig2", "time_fig3": "time_s_fig3",
                          "time_harvest": "time_s_harvest"},
    "noble-gas": {"gt_3": "time_3", "gt_4": "time_4",
                  "gamma_t": "integration_time", "gamma_t_exact": "integration_time_exact",
                  "jt_7": "time_7", "jt_mf": "time_mf"},
}


_SAVED: dict[str, xr.Dataset] = {}


def _saved(name: str, tmp_path_factory) -> xr.Dataset:
    """data.nc of study ``name`` (quick) as written by write_study, reopened; computed once per
    session; figures are not drawn."""
    if name not in _SAVED:
        study = get_study(name)
        result = run_study(study, quick=True)
        study.plot = lambda data, out_dir: []
        target = write_study(study, result, tmp_path_factory.mktemp(name))
        with xr.open_dataset(target / "data.nc", engine=netcdf_engine()) as data:
            _SAVED[name] = data.load()
    return _SAVED[name]


@pytest.fixture(params=STUDIES)
def saved(request, tmp_path_factory):
    """(study name, its reopened data.nc)."""
    return request.param, _saved(request.param, tmp_path_factory)


def _symbols(units: str) -> list[str]:
    """The unit symbols of a UDUNITS product such as ``"cm3 s-1"`` (exponents dropped)."""
    return [re.sub(r"-?\d+$", "", token) or token for token in units.split()]


def test_global_attributes(saved):
    name, data = saved
    study = get_study(name)
    assert data.attrs["Conventions"] == "CF-1.10"
    assert data.attrs["title"] == study.title
    history = data.attrs["history"]
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", history), history
    assert f"spinthermo reproduce {name}" in history and __version__ in history
    assert data.attrs["source"] == f"spinthermo {__version__}, study {name}"
    assert data.attrs["references"] == citation_for(name).full()


def test_every_variable_has_long_name_and_udunits_units(saved):
    name, data = saved
    problems = []
    for var_name, var in data.variables.items():
        long_name, units = var.attrs.get("long_name"), var.attrs.get("units")
        if not isinstance(long_name, str) or not long_name.strip():
            problems.append(f"{var_name}: no long_name")
        if not isinstance(units, str):
            problems.append(f"{var_name}: no units")
            continue
        unknown = [s for s in _symbols(units) if s not in UDUNITS_SYMBOLS]
        if unknown or "/" in units or "^" in units:
            problems.append(f"{var_name}: units {units!r} are not in UDUNITS form")
            continue
        try:
            cf_units.units.parse_units(units)
        except Exception as exc:  # pint raises several types; any of them is a failure here
            problems.append(f"{var_name}: units {units!r} do not parse ({exc})")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_one_spelling_per_unit_across_studies(tmp_path_factory):
    """s-1 is never also written 1/s or s^-1, in one study or across studies."""
    spellings = defaultdict(set)
    for name in STUDIES:
        for var in _saved(name, tmp_path_factory).variables.values():
            units = var.attrs.get("units")
            try:
                unit = cf_units.units.parse_units(units)
            except Exception:  # unparsable units fail the test above
                continue
            spellings[str(unit)].add(units)
    mixed = {unit: sorted(s) for unit, s in spellings.items() if len(s) > 1}
    assert not mixed, f"one unit, several spellings: {mixed}"


def test_scaled_times_have_a_physical_time_beside_them(saved):
    """t in s stands beside Γt (same dimension); their ratio is one positive rate."""
    name, data = saved
    for scaled, physical in PHYSICAL_TIME.get(name, {}).items():
        assert data[physical].dims == data[scaled].dims, (name, physical)
        assert data[physical].attrs["units"] == "s"
        t, x = data[physical].values, data[scaled].values
        nonzero = t != 0
        assert np.all(x[~nonzero] == 0), (name, scaled)
        rate = x[nonzero] / t[nonzero]
        assert np.all(rate > 0) and np.allclose(rate, rate[0], rtol=1e-12), (name, scaled)


def test_describe_rejects_a_misspelt_name():
    from spinthermo.studies.contract import describe

    data = xr.Dataset({"entropy": ("t", np.zeros(3))})
    describe(data, {"entropy": {"units": "1", "long_name": "S"}})
    assert data["entropy"].attrs == {"units": "1", "long_name": "S"}
    with pytest.raises(KeyError, match="entropi"):
        describe(data, {"entropi": {"units": "1"}})
