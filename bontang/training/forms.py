"""Forms of training: institutions, programmes, enrolments, certificates and imports."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from bontang.extensions import db
from bontang.inputs import BaseForm, DateWindow, IdListField
from bontang.jobseekers.forms import DATE_INVALID, REQUIRED, _data, skill_choices
from bontang.jobseekers.models import Skill
from bontang.training.models import CertificationScheme, ImportKind, InstitutionKind, ProgrammeStatus, TrainingInstitution
from bontang.training.services import FUNDING

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


def scheme_choices(empty_label) -> list[tuple[int, str]]:
    rows = db.session.execute(select(CertificationScheme.id, CertificationScheme.name).order_by(CertificationScheme.name))
    return [(0, empty_label)] + [(r.id, r.name) for r in rows]


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
