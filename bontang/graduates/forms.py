"""Forms of the graduates feature; dynamic choices are filled in __init__."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from bontang.extensions import db
from bontang.graduates.models import (
    CertificationScheme, EmploymentStatus, ImportKind, InstitutionKind, ProgrammeStatus, Skill, TrainingInstitution,
)
from bontang.graduates.services_training import FUNDING
from bontang.inputs import AgeBetween, BaseForm, DateWindow, IdListField
from bontang.reference import KELURAHAN

REQUIRED = _l("Wajib diisi.")
DATE_INVALID = _l("Tanggal tidak valid.")
EDUCATION = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2")
STATUS_LABELS = {
    EmploymentStatus.AVAILABLE: _l("Belum bekerja"),
    EmploymentStatus.IN_TRAINING: _l("Sedang pelatihan"),
    EmploymentStatus.EMPLOYED: _l("Sudah bekerja"),
}
PROGRAMME_LABELS = {
    ProgrammeStatus.PLANNED: _l("Direncanakan"),
    ProgrammeStatus.OPEN: _l("Pendaftaran dibuka"),
    ProgrammeStatus.RUNNING: _l("Berjalan"),
    ProgrammeStatus.FINISHED: _l("Selesai"),
    ProgrammeStatus.CANCELLED: _l("Dibatalkan"),
}
IMPORT_LABELS = {
    ImportKind.PARTICIPANTS: _l("Peserta"),
    ImportKind.RESULTS: _l("Hasil pelatihan"),
    ImportKind.CERTIFICATES: _l("Sertifikat kompetensi"),
}


def skill_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Skill.id, Skill.name, Skill.area).order_by(Skill.area, Skill.name)).all()
    return [(r.id, f"{r.name} ({r.area})" if r.area else r.name) for r in rows]


def scheme_choices(empty_label) -> list[tuple[int, str]]:
    rows = db.session.execute(select(CertificationScheme.id, CertificationScheme.name).order_by(CertificationScheme.name))
    return [(0, empty_label)] + [(r.id, r.name) for r in rows]


def _data(form: BaseForm) -> dict:
    return {k: v for k, v in form.data.items() if k != "csrf_token"}


class JobSeekerForm(BaseForm):
    nik = StringField(_l("NIK"), description=_l("16 digit sesuai KTP; disimpan terenkripsi"), validators=[Length(max=24)])
    ak1_number = StringField(_l("Nomor AK1"), validators=[DataRequired(REQUIRED), Length(max=30)])
    name = StringField(_l("Nama lengkap"), validators=[DataRequired(REQUIRED), Length(max=120)])
    birth_date = DateField(_l("Tanggal lahir"), validators=[DataRequired(DATE_INVALID), AgeBetween(15, 70)])
    sex = SelectField(_l("Jenis kelamin"), choices=[("L", _l("Laki-laki")), ("P", _l("Perempuan"))])
    address = TextAreaField(_l("Alamat"), validators=[Optional(), Length(max=500)])
    kelurahan = SelectField(_l("Kelurahan"), choices=[("", "—")] + [(k, k) for k in KELURAHAN], validators=[Optional()])
    phone = StringField(_l("Telepon"), validators=[Optional(), Length(max=20)])
    email = StringField(_l("E-mail"), validators=[Optional(), Email(_l("Alamat e-mail tidak valid.")), Length(max=254)])
    has_bontang_ktp = BooleanField(_l("Ber-KTP Bontang"), default=True)
    education_level = SelectField(_l("Pendidikan terakhir"), choices=[(e, e) for e in EDUCATION], default="SMA")
    field_of_study = StringField(_l("Jurusan / bidang studi"), validators=[Optional(), Length(max=120)])
    experience_years = IntegerField(_l("Pengalaman kerja (tahun)"), default=0, validators=[
        NumberRange(min=0, max=60, message=_l("Isi angka 0 sampai 60."))])
    experience_notes = TextAreaField(_l("Riwayat pengalaman"), validators=[Optional(), Length(max=2000)])
    skill_ids = IdListField(_l("Keahlian"), model=Skill, max_items=50, missing_message=_l("Keahlian tidak dikenal."),
                            description=_l("Tahan Ctrl/Cmd untuk memilih lebih dari satu"))
    registered_at = DateField(_l("Terdaftar sejak"), validators=[Optional(), DateWindow(past=365 * 60, future=1)])
    employment_status = SelectField(_l("Status kerja"), choices=[(s.value, label) for s, label in STATUS_LABELS.items()])
    welfare_decile = SelectField(_l("Desil kesejahteraan (DTSEN)"), choices=[("", "—")] + [(str(i), str(i)) for i in range(1, 11)],
                                 description=_l("Hanya terlihat oleh Disnaker"), validators=[Optional()])
    has_disability = BooleanField(_l("Penyandang disabilitas"))
    disability_details = TextAreaField(_l("Keterangan disabilitas"), description=_l("Hanya terlihat oleh Disnaker"),
                                       validators=[Optional(), Length(max=1000)])
    consent_to_share = BooleanField(_l("Setuju profilnya ditampilkan kepada perusahaan mitra"))

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_ids.choices = skill_choices()
        if creating:
            self.nik.validators = [DataRequired(REQUIRED), Length(max=24)]
            self.nik.flags.required = True
        else:
            self.nik.description = _l("Kosongkan bila tidak berubah")

    def data_for_service(self) -> dict:
        data = _data(self)
        data["welfare_decile"] = int(data["welfare_decile"]) if data["welfare_decile"] else None
        for name in ("address", "phone", "email", "field_of_study", "experience_notes", "disability_details", "kelurahan"):
            data[name] = (data[name] or "").strip()
        data["ak1_number"] = data["ak1_number"].strip()
        data["name"] = data["name"].strip()
        return data


class InstitutionForm(BaseForm):
    name = StringField(_l("Nama lembaga"), validators=[DataRequired(REQUIRED), Length(max=200)])
    kind = SelectField(_l("Jenis"), choices=[(k.value, k.value) for k in InstitutionKind])
    licence_number = StringField(_l("Nomor izin / akreditasi / lisensi BNSP"), validators=[DataRequired(REQUIRED), Length(max=80)])
    licence_valid_until = DateField(_l("Berlaku sampai"), validators=[Optional(), DateWindow(past=365 * 30, future=365 * 30)])
    address = TextAreaField(_l("Alamat"), validators=[Optional(), Length(max=500)])
    active = BooleanField(_l("Aktif"), default=True)

    def data_for_service(self) -> dict:
        data = _data(self)
        data["address"] = data["address"] or ""
        return data


class ProgrammeForm(BaseForm):
    institution_id = SelectField(_l("Lembaga pelatihan"), coerce=int, validators=[Optional()])
    title = StringField(_l("Judul program"), validators=[DataRequired(REQUIRED), Length(max=200)])
    skill_area = StringField(_l("Bidang keahlian"), validators=[DataRequired(REQUIRED), Length(max=80)])
    skill_ids = IdListField(_l("Keahlian yang diajarkan"), model=Skill, max_items=50,
                            missing_message=_l("Keahlian tidak dikenal."))
    scheme_id = SelectField(_l("Skema sertifikasi"), coerce=int, validators=[Optional()])
    hours = IntegerField(_l("Jumlah jam pelatihan"), validators=[NumberRange(min=1, max=2000, message=_l("Isi 1 sampai 2000."))])
    start_date = DateField(_l("Tanggal mulai"), validators=[Optional(), DateWindow(past=365 * 10, future=365 * 3)])
    end_date = DateField(_l("Tanggal selesai"), validators=[Optional(), DateWindow(past=365 * 10, future=365 * 5)])
    quota = IntegerField(_l("Kuota peserta"), default=16, validators=[NumberRange(min=1, max=500, message=_l("Isi 1 sampai 500."))])
    funding = SelectField(_l("Sumber dana"), choices=[(f, f if f != "CSR" else "CSR perusahaan") for f in FUNDING])
    funding_note = StringField(_l("Keterangan dana"), description=_l("Mis. nama perusahaan pemberi CSR"),
                               validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), choices=[(s.value, label) for s, label in PROGRAMME_LABELS.items()])

    def __init__(self, *args, trainer_institution: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_ids.choices = skill_choices()
        self.scheme_id.choices = scheme_choices(_l("— tanpa sertifikasi —"))
        rows = db.session.execute(select(TrainingInstitution.id, TrainingInstitution.name).where(
            TrainingInstitution.kind != InstitutionKind.LSP).order_by(TrainingInstitution.name)).all()
        self.institution_id.choices = [(r.id, r.name) for r in rows if trainer_institution in (None, r.id)]

    def data_for_service(self) -> dict:
        data = _data(self)
        data["funding_note"] = data["funding_note"] or ""
        return data


class EnrolForm(BaseForm):
    who = StringField(_l("NIK atau nomor AK1 pencari kerja"), validators=[DataRequired(REQUIRED), Length(max=30)])


class CertificateForm(BaseForm):
    enrolment_id = SelectField(_l("Peserta lulus"), coerce=int)
    number = StringField(_l("Nomor sertifikat"), validators=[DataRequired(REQUIRED), Length(max=60)])
    registration_number = StringField(_l("Nomor registrasi"), validators=[Optional(), Length(max=60)])
    scheme_id = SelectField(_l("Skema sertifikasi"), coerce=int)
    skkni_units = TextAreaField(_l("Unit kompetensi SKKNI"), description=_l("Satu kode unit per baris"),
                                validators=[Optional(), Length(max=2000)])
    lsp_id = SelectField(_l("LSP penerbit"), coerce=int, validators=[Optional()])
    issue_date = DateField(_l("Tanggal terbit"), validators=[DataRequired(DATE_INVALID), DateWindow(past=365 * 30, future=1)])
    valid_until = DateField(_l("Berlaku sampai"), validators=[Optional(), DateWindow(past=365 * 30, future=365 * 30)])

    def __init__(self, *args, enrolments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment_id.choices = [(e.id, f"{e.job_seeker.name} · AK1 {e.job_seeker.ak1_number}") for e in enrolments]
        self.scheme_id.choices = scheme_choices(_l("— pilih —"))
        rows = db.session.execute(select(TrainingInstitution.id, TrainingInstitution.name).where(
            TrainingInstitution.kind == InstitutionKind.LSP).order_by(TrainingInstitution.name)).all()
        self.lsp_id.choices = [(0, "—")] + [(r.id, r.name) for r in rows]

    def data_for_service(self) -> dict:
        data = _data(self)
        data["registration_number"] = data["registration_number"] or ""
        data["skkni_units"] = data["skkni_units"] or ""
        data["lsp_id"] = data["lsp_id"] or None
        return data


class ImportForm(BaseForm):
    kind = SelectField(_l("Jenis data"), choices=[(k.value, label) for k, label in IMPORT_LABELS.items()])
    file = FileField(_l("Berkas CSV atau XLSX"), description=_l("Maksimal 20.000 baris; gunakan templat di bawah"))


class AskForm(BaseForm):
    hiring_request_id = SelectField(_l("Permintaan tenaga kerja"), coerce=int, validate_choice=False)
    note = TextAreaField(_l("Catatan untuk Disnaker"), validators=[Optional(), Length(max=1000)])

    def __init__(self, *args, hiring_requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.hiring_request_id.choices = [(r.id, r.title) for r in hiring_requests]


class AskCloseForm(BaseForm):
    status = SelectField(_l("Tindak lanjut"), choices=[("handled", _l("Sudah diusulkan / ditangani")),
                                                       ("declined", _l("Tidak dapat diusulkan"))])
    note = StringField(_l("Catatan"), validators=[Optional(), Length(max=1000)])
