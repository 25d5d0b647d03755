"""Row rules of each import kind: what the database must hold for a row, and what applying it writes."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from bontang.extensions import db
from bontang.jobseekers import nik as nik_codec
from bontang.training.import_files import parse_date
from bontang.training.models import (
    Certificate, CertificationScheme, Enrolment, EnrolmentResult, ImportKind, InstitutionKind, TrainingInstitution, TrainingProgramme,
)
from bontang.jobseekers.models import JobSeeker

CHUNK = 500
RESULT_WORDS = {"lulus": EnrolmentResult.PASSED.value, "tidak lulus": EnrolmentResult.FAILED.value,
                "tidak_lulus": EnrolmentResult.FAILED.value, "kompeten": EnrolmentResult.PASSED.value,
                "belum kompeten": EnrolmentResult.FAILED.value}


def _in_chunks(column, values, *select_columns):
    values = sorted(set(values))
    for start in range(0, len(values), CHUNK):
        yield from db.session.execute(select(*select_columns).where(column.in_(values[start:start + CHUNK])))


def _base_context(programme: TrainingProgramme, digests: list[str]) -> dict:
    seekers = {r.nik_digest: (r.id, r.name) for r in _in_chunks(
        JobSeeker.nik_digest, digests, JobSeeker.nik_digest, JobSeeker.id, JobSeeker.name)}
    enrolled = {r.job_seeker_id: (r.id, r.result) for r in db.session.execute(
        select(Enrolment.job_seeker_id, Enrolment.id, Enrolment.result).where(Enrolment.programme_id == programme.id))}
    return {"programme": programme, "seekers": seekers, "enrolled": enrolled}


def _seeker_errors(ctx: dict, row: dict, digest: str) -> list[tuple[str, str]]:
    if not nik_codec.is_valid(nik_codec.normalise(row.get("nik", ""))):
        return [("nik", _("NIK harus 16 digit angka."))]
    if digest not in ctx["seekers"]:
        return [("nik", _("NIK tidak terdaftar sebagai pencari kerja (AK1)."))]
    return []


def _seeker_id(ctx: dict, digest: str) -> int:
    return ctx["seekers"][digest][0]


class Participants:
    @staticmethod
    def context(programme, raw, digests):
        ctx = _base_context(programme, digests)
        ctx["places"] = (programme.quota - len(ctx["enrolled"])) if programme.quota else None
        return ctx

    @staticmethod
    def key(row, digest):
        return digest

    @staticmethod
    def check(ctx, row, digest):
        errors = _seeker_errors(ctx, row, digest)
        if errors or _seeker_id(ctx, digest) in ctx["enrolled"]:
            return errors
        if ctx["places"] is not None:
            if ctx["places"] <= 0:
                return [("nik", _("Kuota program sudah penuh."))]
            ctx["places"] -= 1
        return []

    @staticmethod
    def prepare(ctx, row, digest):
        seeker_id = _seeker_id(ctx, digest)
        return {"job_seeker_id": seeker_id, "name": ctx["seekers"][digest][1],
                "action": "existing" if seeker_id in ctx["enrolled"] else "new"}


class Results:
    @staticmethod
    def context(programme, raw, digests):
        return _base_context(programme, digests)

    @staticmethod
    def key(row, digest):
        return digest

    @staticmethod
    def check(ctx, row, digest):
        errors = _seeker_errors(ctx, row, digest)
        if not errors and _seeker_id(ctx, digest) not in ctx["enrolled"]:
            errors.append(("nik", _("Orang ini bukan peserta program ini.")))
        if row.get("hasil", "").strip().lower() not in RESULT_WORDS:
            errors.append(("hasil", _("Hasil harus \"lulus\" atau \"tidak lulus\".")))
        return errors

    @staticmethod
    def prepare(ctx, row, digest):
        seeker_id = _seeker_id(ctx, digest)
        enrolment_id, current = ctx["enrolled"][seeker_id]
        result = RESULT_WORDS[row["hasil"].strip().lower()]
        same = current is not None and current.value == result
        return {"job_seeker_id": seeker_id, "enrolment_id": enrolment_id, "result": result,
                "name": ctx["seekers"][digest][1], "action": "existing" if same else "new"}


class Certificates:
    @staticmethod
    def context(programme, raw, digests):
        ctx = _base_context(programme, digests)
        numbers = [r.get("nomor_sertifikat", "").strip() for r in raw]
        ctx["numbers"] = {r.number: r.job_seeker_id for r in _in_chunks(
            Certificate.number, numbers, Certificate.number, Certificate.job_seeker_id)}
        ctx["schemes"] = {code: id_ for code, id_ in db.session.execute(
            select(CertificationScheme.code, CertificationScheme.id))}
        ctx["lsps"] = {code: id_ for code, id_ in db.session.execute(select(
            TrainingInstitution.licence_number, TrainingInstitution.id).where(
            TrainingInstitution.kind == InstitutionKind.LSP))}
        return ctx

    @staticmethod
    def key(row, digest):
        return row.get("nomor_sertifikat", "").strip()

    @staticmethod
    def check(ctx, row, digest):
        errors = _seeker_errors(ctx, row, digest)
        if not errors:
            enrolment = ctx["enrolled"].get(_seeker_id(ctx, digest))
            if enrolment is None or enrolment[1] != EnrolmentResult.PASSED:
                errors.append(("nik", _("Sertifikat hanya untuk peserta program ini yang lulus.")))
        return errors + _certificate_errors(ctx, row, None if errors else _seeker_id(ctx, digest))

    @staticmethod
    def prepare(ctx, row, digest):
        seeker_id = _seeker_id(ctx, digest)
        number = row["nomor_sertifikat"].strip()
        code = row.get("kode_skema", "").strip()
        return {"job_seeker_id": seeker_id, "enrolment_id": ctx["enrolled"][seeker_id][0], "number": number,
                "scheme_id": ctx["schemes"][code] if code else ctx["programme"].scheme_id,
                "lsp_id": ctx["lsps"].get(row.get("kode_lsp", "").strip()),
                "registration_number": row.get("nomor_registrasi", "").strip()[:60],
                "skkni_units": row.get("unit_skkni", "").strip()[:2000],
                "issue_date": parse_date(row["tanggal_terbit"]),
                "valid_until": parse_date(row.get("berlaku_sampai", "")) if row.get("berlaku_sampai") else None,
                "name": ctx["seekers"][digest][1], "action": "existing" if number in ctx["numbers"] else "new"}


def _certificate_errors(ctx: dict, row: dict, seeker_id: int | None) -> list[tuple[str, str]]:
    errors = []
    number = row.get("nomor_sertifikat", "").strip()
    if not number or len(number) > 60:
        errors.append(("nomor_sertifikat", _("Nomor sertifikat wajib diisi (maksimal 60 karakter).")))
    elif number in ctx["numbers"] and ctx["numbers"][number] != seeker_id:
        errors.append(("nomor_sertifikat", _("Nomor sertifikat ini sudah tercatat atas nama orang lain.")))
    code = row.get("kode_skema", "").strip()
    if code and code not in ctx["schemes"]:
        errors.append(("kode_skema", _("Skema sertifikasi \"%(code)s\" tidak dikenal.", code=code)))
    if not code and not ctx["programme"].scheme_id:
        errors.append(("kode_skema", _("Isi kode skema: program ini tidak punya skema sertifikasi.")))
    lsp = row.get("kode_lsp", "").strip()
    if lsp and lsp not in ctx["lsps"]:
        errors.append(("kode_lsp", _("LSP dengan kode \"%(code)s\" tidak dikenal.", code=lsp)))
    return errors + _date_errors(row)


def _date_errors(row: dict) -> list[tuple[str, str]]:
    issued = parse_date(row.get("tanggal_terbit", ""))
    if issued is None:
        return [("tanggal_terbit", _("Tanggal terbit tidak valid (gunakan 2025-06-30 atau 30/06/2025)."))]
    if issued > date.today():
        return [("tanggal_terbit", _("Tanggal terbit tidak boleh di masa depan."))]
    text = row.get("berlaku_sampai", "").strip()
    if not text:
        return []
    until = parse_date(text)
    if until is None:
        return [("berlaku_sampai", _("Tanggal berlaku tidak valid."))]
    if until < issued:
        return [("berlaku_sampai", _("Berlaku sampai tidak boleh sebelum tanggal terbit."))]
    return []


RULES = {ImportKind.PARTICIPANTS: Participants, ImportKind.RESULTS: Results, ImportKind.CERTIFICATES: Certificates}
