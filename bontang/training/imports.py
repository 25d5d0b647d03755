"""Imports of participants, results and certificates for one programme: validate every row, preview, apply all or none.

Re-importing a file changes nothing that is already there: an existing enrolment, the same
result or the same certificate number for the same person is counted as "sudah ada".
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import insert, select, update

from bontang import audit
from bontang.core import DomainError, utcnow
from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.import_files import read_table
from bontang.training.import_rules import RULES
from bontang.training.models import (
    Certificate, Enrolment, EnrolmentResult, ImportBatch, ImportKind, TrainingProgramme,
)
from bontang.jobseekers.search_index import add_skills, refresh_search_fields

COLUMNS = {
    ImportKind.PARTICIPANTS: (("nik", "nama"), ("nik",)),
    ImportKind.RESULTS: (("nik", "nama", "hasil"), ("nik", "hasil")),
    ImportKind.CERTIFICATES: (("nik", "nama", "nomor_sertifikat", "nomor_registrasi", "kode_skema", "unit_skkni",
                               "tanggal_terbit", "berlaku_sampai", "kode_lsp"),
                              ("nik", "nomor_sertifikat", "tanggal_terbit")),
}
EXAMPLES = {
    ImportKind.PARTICIPANTS: ["6474014505990001", "Nama Peserta"],
    ImportKind.RESULTS: ["6474014505990001", "Nama Peserta", "lulus"],
    ImportKind.CERTIFICATES: ["6474014505990001", "Nama Peserta", "12345 6789 0 0001234 2025", "REG-0001",
                              "SKM-LAS-SMAW-3G", "C.25LAS01.001.01; C.25LAS01.002.01", "2025-06-30", "2028-06-29",
                              "LSP-P3-001"],
}


@dataclass
class Checked:
    """The outcome of validating a file: rows ready to apply and a row-by-row error report."""

    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def counts(self) -> dict:
        new = sum(1 for r in self.rows if r["action"] == "new")
        return {"new": new, "existing": len(self.rows) - new, "errors": len(self.errors)}


def upload_import(programme: TrainingProgramme, kind: str, filename: str, data: bytes, *, actor) -> ImportBatch:
    """Read and check an uploaded file and keep it for the preview; nothing is applied yet."""
    try:
        kind = ImportKind(kind)
    except ValueError as error:
        raise DomainError(_("Jenis data tidak dikenal."), "kind") from error
    columns, required = COLUMNS[kind]
    raw = read_table(filename or "", data, columns, required)
    checked = check_rows(programme, kind, raw)
    batch = ImportBatch(programme_id=programme.id, kind=kind, filename=(filename or "")[:200],
                        file_sha256=hashlib.sha256(data).hexdigest(), uploaded_by_id=actor.id, rows=raw,
                        errors=checked.errors, summary=checked.counts())
    db.session.add(batch)
    db.session.flush()
    audit.record("import.uploaded", batch, details={"kind": kind.value, "rows": len(raw), **checked.counts()},
                 actor=actor)
    return batch


def check_rows(programme: TrainingProgramme, kind: ImportKind, raw: list[dict]) -> Checked:
    """Validate every row against the database; nothing is written."""
    digests = [nik_codec.digest(nik_codec.normalise(r.get("nik", ""))) for r in raw]
    context = RULES[kind].context(programme, raw, digests)
    checked = Checked()
    seen: dict[str, int] = {}
    for index, (row, digest) in enumerate(zip(raw, digests), start=2):
        errors = RULES[kind].check(context, row, digest)
        key = RULES[kind].key(row, digest)
        if key in seen:
            errors.append(("nik", _("Baris ganda: sama dengan baris %(n)d.", n=seen[key])))
        seen.setdefault(key, index)
        checked.errors += [{"row": index, "column": col, "message": msg} for col, msg in errors]
        if not errors:
            checked.rows.append(RULES[kind].prepare(context, row, digest) | {"row": index})
    return checked


def preview(batch: ImportBatch) -> Checked:
    """Check the kept rows again against the current data, for the preview page."""
    return check_rows(batch.programme, batch.kind, batch.rows)


def apply_import(batch: ImportBatch, *, actor) -> dict:
    """Apply every row of the file, or none of them when any row is wrong."""
    if batch.applied_at is not None:
        raise DomainError(_("Impor ini sudah diterapkan."))
    checked = preview(batch)
    if checked.errors:
        raise DomainError(_("Berkas masih berisi %(n)d kesalahan; tidak ada data yang disimpan.", n=len(checked.errors)))
    new_rows = [r for r in checked.rows if r["action"] == "new"]
    APPLY[batch.kind](batch.programme, new_rows)
    batch.applied_at = utcnow()
    batch.summary = checked.counts()
    batch.rows = []  # the raw rows served the preview; once applied, the records themselves hold the data
    audit.record("import.applied", batch, details={"kind": batch.kind.value, **batch.summary}, actor=actor)
    return batch.summary


def _apply_participants(programme: TrainingProgramme, rows: list[dict]) -> None:
    if rows:
        now = utcnow()
        db.session.execute(insert(Enrolment), [{"programme_id": programme.id, "job_seeker_id": r["job_seeker_id"],
                                                "enrolled_at": now} for r in rows])


def _apply_results(programme: TrainingProgramme, rows: list[dict]) -> None:
    now = utcnow()
    if rows:
        db.session.execute(update(Enrolment), [{"id": r["enrolment_id"], "result": EnrolmentResult(r["result"]),
                                                "result_at": now} for r in rows])
    skill_ids = [s.id for s in programme.skills]
    add_skills((r["job_seeker_id"], s) for r in rows if r["result"] == EnrolmentResult.PASSED.value for s in skill_ids)
    refresh_search_fields(r["job_seeker_id"] for r in rows)


def _apply_certificates(programme: TrainingProgramme, rows: list[dict]) -> None:
    if not rows:
        return
    now = utcnow()
    db.session.execute(insert(Certificate), [{
        "job_seeker_id": r["job_seeker_id"], "enrolment_id": r["enrolment_id"], "scheme_id": r["scheme_id"],
        "lsp_id": r["lsp_id"], "number": r["number"], "registration_number": r["registration_number"],
        "skkni_units": r["skkni_units"], "issue_date": r["issue_date"], "valid_until": r["valid_until"],
        "verified": False, "created_at": now, "updated_at": now} for r in rows])
    scheme_skills = _scheme_skills({r["scheme_id"] for r in rows})
    add_skills((r["job_seeker_id"], s) for r in rows for s in scheme_skills.get(r["scheme_id"], ()))
    refresh_search_fields(r["job_seeker_id"] for r in rows)


def _scheme_skills(scheme_ids: set[int]) -> dict[int, list[int]]:
    from bontang.training.models import scheme_skill

    result: dict[int, list[int]] = {}
    for scheme_id, skill_id in db.session.execute(select(scheme_skill.c.scheme_id, scheme_skill.c.skill_id).where(
            scheme_skill.c.scheme_id.in_(scheme_ids))):
        result.setdefault(scheme_id, []).append(skill_id)
    return result


APPLY = {
    ImportKind.PARTICIPANTS: _apply_participants,
    ImportKind.RESULTS: _apply_results,
    ImportKind.CERTIFICATES: _apply_certificates,
}
