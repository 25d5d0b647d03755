"""Shared data for the privacy tests: a certified graduate at a known institution, seen by a company."""
from __future__ import annotations

import subprocess
import tempfile

from tests.training.factories import make_graduate, make_programme, make_scheme

from tests.jobseekers.factories import make_nik
from tests.factories import make_institution

NAME = "Siti Rahmawati Uji"


def make_person(institution=None, *, name: str = NAME, **overrides):
    """A consenting graduate of a programme of `institution`, with a certificate; returns (seeker, nik)."""
    institution = institution or make_institution()
    scheme = make_scheme()
    programme = make_programme(institution, scheme_id=scheme.id)
    nik = overrides.pop("nik", None) or make_nik()
    seeker = make_graduate(programme=programme, scheme=scheme, name=name, nik=nik, email="siti.uji@example.com",
                           **overrides)
    return seeker, nik


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())
