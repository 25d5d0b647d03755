"""Forms of the job seeker registry; dynamic choices are filled in __init__."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from bontang.extensions import db
from bontang.inputs import AgeBetween, BaseForm, DateWindow, IdListField
from bontang.jobseekers.models import EmploymentStatus, Skill
from bontang.reference import KELURAHAN

REQUIRED = _l("Wajib diisi.")
DATE_INVALID = _l("Tanggal tidak valid.")
EDUCATION = ("SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2")
STATUS_LABELS = {
    EmploymentStatus.AVAILABLE: _l("Belum bekerja"),
    EmploymentStatus.IN_TRAINING: _l("Sedang pelatihan"),
    EmploymentStatus.EMPLOYED: _l("Sudah bekerja"),
}


def skill_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(select(Skill.id, Skill.name, Skill.area).order_by(Skill.area, Skill.name)).all()
    return [(r.id, f"{r.name} ({r.area})" if r.area else r.name) for r in rows]


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
