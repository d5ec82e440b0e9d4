"""The papers the studies reproduce: one source of their bibliographic metadata.

Every entry is copied from ``docs/papers/seed00N.md`` and the ``references`` of
``CITATION.cff`` (a test checks that the two agree); a DOI is given only where the paper states
one. ``spinthermo list``, ``report.md``, ``meta.json`` and ``index.html`` all read from here.

>>> citation_for("noble-gas").short()
'Katz, Shaham & Firstenberg, PRX Quantum 3, 010305 (2022)'
>>> citation_for("002_30691f1605cdbdaa.txt") is citation_for("noble-gas")
True
>>> citation_for("999_fake.txt") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["CITATIONS", "Author", "Citation", "citation_for"]


@dataclass(frozen=True)
class Author:
    """An author as the paper names them: ``family`` name and ``given`` names (or initials)."""

    family: str
    given: str = ""

    @property
    def initials(self) -> str:
        """``"Yu-Hao"`` → ``"Y.-H."``, ``"A. F."`` → ``"A. F."``; empty when unknown."""
        words = self.given.split()
        return " ".join("-".join(part[0] + "." for part in w.split("-") if part)
                        for w in words)

    def __str__(self) -> str:
        return f"{self.initials} {self.family}".strip()


def _and(names: list[str], last: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]


@dataclass(frozen=True)
class Citation:
    """One paper: ``study`` (registry name) and ``seed`` (``"000"``…) it belongs to, its
    ``authors``, ``title``, ``year``, ``journal`` (full name) with ``journal_abbreviation``,
    ``volume`` and ``article`` number, ``arxiv`` identifier and ``doi``; ``None`` where the
    paper does not state it. ``note`` says what the paper leaves out."""

    study: str
    seed: str
    authors: tuple[Author, ...]
    title: str
    year: int | None = None
    journal: str | None = None
    journal_abbreviation: str | None = None
    volume: str | None = None
    article: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    note: str = ""

    @property
    def doi_url(self) -> str | None:
        """The paper's DOI as a doi.org link, or ``None`` when the paper states no DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def arxiv_url(self) -> str | None:
        """The arXiv abstract page (arxiv.org/abs/ID), or ``None`` without an arXiv identifier."""
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None

    def _where(self) -> str:
        """``"Phys. Rev. A 96, 032117"`` or ``"arXiv:…"``, without the year."""
        if self.journal:
            parts = [self.journal_abbreviation or self.journal, self.volume]
            return " ".join(p for p in parts if p) + (f", {self.article}" if self.article else "")
        return f"arXiv:{self.arxiv}" if self.arxiv else ""

    def short(self) -> str:
        """Family names, journal or arXiv id and year: ``"Katz, Shaham & Firstenberg, PRX
        Quantum 3, 010305 (2022)"``; the title stands in where nothing else is stated."""
        names = _and([a.family for a in self.authors], "&")
        where = self._where() or f"“{self.title}”"
        return f"{names}, {where}" + (f" ({self.year})" if self.year else "")

    def full(self) -> str:
        """Initials and family names, title, journal, arXiv id, year and DOI (or what the
        paper leaves out), in the form of ``docs/papers``."""
        text = f"{_and([str(a) for a in self.authors], 'and')}, “{self.title}”"
        where = self._where()
        if where:
            text += f", {where}"
        if self.year:
            text += f" ({self.year})"
        if self.journal and self.arxiv:
            text += f", arXiv:{self.arxiv}"
        text += "."
        if self.doi:
            text += f" DOI: {self.doi}."
        if self.note:
            text += f" {self.note}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written into ``meta.json`` (``short`` and ``full`` included)."""
        return {
            "study": self.study, "seed": self.seed,
            "authors": [{"family": a.family, "given": a.given} for a in self.authors],
            "title": self.title, "year": self.year, "journal": self.journal,
            "volume": self.volume, "article": self.article, "arxiv": self.arxiv,
            "doi": self.doi, "url": self.doi_url or self.arxiv_url, "note": self.note,
            "short": self.short(), "full": self.full(),
        }


CITATIONS: dict[str, Citation] = {c.study: c for c in (
    Citation("opm-thermo", "000",
             (Author("Sousa", "A. F."), Author("Vieira", "C. H. S."), Author("Florez", "H. M.")),
             "Thermodynamical aspects of optically pumped dense atomic medium", year=2026,
             arxiv="2604.09219", note="No DOI stated."),
    Citation("driven-qubit", "001", (Author("Juan-Delgado", "A."), Author("Chenu", "A.")),
             "First Law of Quantum Thermodynamics in a Driven Open Two-Level System",
             year=2021, journal="Physical Review A", journal_abbreviation="Phys. Rev. A",
             volume="104", article="022219", arxiv="2104.10691",
             note="The seed's text states no DOI."),
    Citation("noble-gas", "002",
             (Author("Katz", "Or"), Author("Shaham", "Roy"), Author("Firstenberg", "Ofer")),
             "Quantum Interface for Noble-Gas Spins Based on Spin-Exchange Collisions",
             year=2022, journal="PRX Quantum", volume="3", article="010305",
             doi="10.1103/PRXQuantum.3.010305"),
    Citation("dipolar-coherence", "003",
             (Author("Çakmak", "B."), Author("Manatuly", "A."),
              Author("Müstecaplıoğlu", "Ö. E.")),
             "Thermal production, protection, and heat exchange of quantum coherences",
             year=2017, journal="Physical Review A", journal_abbreviation="Phys. Rev. A",
             volume="96", article="032117", doi="10.1103/PhysRevA.96.032117"),
    Citation("light-shift", "004",
             (Author("Chang", "Yue"), Author("Guo", "Yu-Hao"), Author("Qin", "Jie")),
             "Reduction of Frequency-dependent Light Shifts in Light-narrowing Regimes: "
             "A Study Using Effective Master Equations",
             note="The seed's text states no journal, year, arXiv identifier or DOI."),
)}

_BY_SEED = {c.seed: c for c in CITATIONS.values()}


def citation_for(key: str) -> Citation | None:
    """The paper of a study, by registry name (``"noble-gas"``), seed number (``"002"``) or
    seed file name (``"002_30691f1605cdbdaa.txt"``); ``None`` for a study of no listed paper
    (a user's own or a test's fake study)."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a study name or seed (str); received "
                        f"{type(key).__name__} {key!r}")
    if key in CITATIONS:
        return CITATIONS[key]
    seed = re.match(r"(\d{3})(?:_|\.|$)", key)
    return _BY_SEED.get(seed.group(1)) if seed else None
