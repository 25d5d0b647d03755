"""Forms of the hiring feature."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from bontang.extensions import db
from bontang.training.models import CertificationScheme
from bontang.jobseekers.models import JobSeeker, Skill
from bontang.hiring.models import EmploymentType
from bontang.hiring.placements import END_REASONS
from bontang.hiring.selection import REJECT_REASONS
from bontang.hiring.services import EDUCATION_LEVELS
from bontang.inputs import BaseForm, DateWindow, IdListField, number_range

REQUIRED = _l("Wajib diisi.")
NUMBER = _l("Isi dengan angka.")
EMPLOYMENT_TYPES = [(EmploymentType.PKWT.value, _l("PKWT (kontrak)")), (EmploymentType.PKWTT.value, _l("PKWTT (tetap)")),
                    (EmploymentType.DAILY.value, _l("Harian lepas")), (EmploymentType.INTERNSHIP.value, _l("Magang"))]
SEX_CHOICES = [("any", _l("Semua jenis kelamin")), ("L", _l("Laki-laki")), ("P", _l("Perempuan"))]
SEX_LABELS = {"any": _l("Semua"), "L": _l("Laki-laki"), "P": _l("Perempuan")}
MONTHS = [(1, _l("Januari")), (2, _l("Februari")), (3, _l("Maret")), (4, _l("April")), (5, _l("Mei")),
          (6, _l("Juni")), (7, _l("Juli")), (8, _l("Agustus")), (9, _l("September")), (10, _l("Oktober")),
          (11, _l("November")), (12, _l("Desember"))]


def skill_choices() -> list[tuple[int, str]]:
    """(id, name) of every skill, by name, for forms and filters."""
    return [(s.id, s.name) for s in db.session.execute(select(Skill.id, Skill.name).order_by(Skill.name))]


class HiringRequestForm(BaseForm):
    title = StringField(_l("Nama jabatan"), validators=[DataRequired(REQUIRED), Length(max=200)])
    kbji_code = StringField(_l("Kode KBJI"), description=_l("Ketik kode atau nama jabatan lalu pilih dari daftar."),
                            validators=[Optional(), Length(max=10)])
    positions = IntegerField(_l("Jumlah tenaga kerja"), validators=[InputRequired(NUMBER), number_range(1, 1000)])
    valid_until = DateField(_l("Lowongan dibuka sampai"), validators=[
        InputRequired(_l("Isi tanggal yang valid.")),
        DateWindow(future=366, message=_l("Lowongan dibuka paling lama satu tahun ke depan."))])
    employment_type = SelectField(_l("Jenis hubungan kerja"), choices=EMPLOYMENT_TYPES)
    work_location = StringField(_l("Lokasi kerja"), validators=[DataRequired(REQUIRED), Length(max=200)])
    age_min = IntegerField(_l("Usia minimal"), default=18, validators=[InputRequired(NUMBER), number_range(15, 70)])
    age_max = IntegerField(_l("Usia maksimal"), default=40, validators=[InputRequired(NUMBER), number_range(15, 70)])
    sex = SelectField(_l("Jenis kelamin"), choices=SEX_CHOICES, default="any",
                      description=_l("Pilih jenis kelamin tertentu hanya bila pekerjaan benar-benar menuntutnya; "
                                     "pilihan ini tidak boleh bersifat diskriminatif."))
    education_min = SelectField(_l("Pendidikan minimal"), choices=[(e, e) for e in EDUCATION_LEVELS], default="SMA")
    field_of_study = StringField(_l("Jurusan"), validators=[Optional(), Length(max=120)])
    experience_years = IntegerField(_l("Pengalaman kerja (tahun)"), default=0, validators=[Optional(), number_range(0, 50)])
    skill_ids = IdListField(_l("Keahlian dan kompetensi"), model=Skill, max_items=50,
                            missing_message=_l("Ada keahlian yang tidak ditemukan dalam daftar."))
    scheme_id = SelectField(_l("Sertifikat kompetensi yang disyaratkan"), coerce=int, validate_choice=False)
    # Matching's hard filters (issue 12a), next to education_min, experience_years and the age range above.
    scheme_required = BooleanField(_l("Sertifikat ini wajib"),
                                   description=_l("Bila dicentang, hanya pemegang sertifikat yang masih berlaku yang diusulkan."))
    skills_min = IntegerField(_l("Minimal keahlian yang dimiliki"), default=0,
                              description=_l("0: keahlian hanya menambah nilai; 1 atau lebih: syarat minimal."),
                              validators=[Optional(), number_range(0, 50)])
    wage_min = IntegerField(_l("Upah minimal (Rp/bulan)"), validators=[Optional(), number_range(0, 1_000_000_000)])
    wage_max = IntegerField(_l("Upah maksimal (Rp/bulan)"), validators=[Optional(), number_range(0, 1_000_000_000)])
    planned_local_percent = IntegerField(_l("Rencana porsi tenaga kerja lokal (%)"), default=100,
                                         validators=[InputRequired(NUMBER), number_range(0, 100)])
    local_justification = TextAreaField(_l("Alasan bila porsi lokal di bawah ketentuan"),
                                        validators=[Optional(), Length(max=2000)])
    disability_friendly = BooleanField(_l("Terbuka bagi penyandang disabilitas"))
    job_description = TextAreaField(_l("Uraian jabatan"), description=_l("Gambaran singkat pekerjaan dan tempatnya."),
                                    validators=[Optional(), Length(max=4000)])
    duties = TextAreaField(_l("Tugas dan tanggung jawab"), description=_l("Satu tugas per baris."),
                           validators=[Optional(), Length(max=4000)])
    notes = TextAreaField(_l("Catatan"), validators=[Optional(), Length(max=4000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill_ids.choices = skill_choices()
        schemes = db.session.execute(select(CertificationScheme.id, CertificationScheme.name)
                                     .order_by(CertificationScheme.name)).all()
        self.scheme_id.choices = [(0, _l("Tidak disyaratkan"))] + [(s.id, s.name) for s in schemes]

    def data_for_service(self) -> dict:
        """The form's data as the services expect it."""
        data = {k: v for k, v in self.data.items() if k != "csrf_token"}
        data["scheme_id"] = data["scheme_id"] or None
        data["scheme_required"] = bool(data["scheme_required"])
        data["skills_min"] = data["skills_min"] or 0
        return data


class NoteForm(BaseForm):
    note = TextAreaField(_l("Catatan untuk perusahaan"), validators=[Optional(), Length(max=2000)])


class ProposeForm(BaseForm):
    job_seeker_ids = IdListField(_l("Pencari kerja"), model=JobSeeker, max_items=50)
    # Matching (issue 12a): required when a chosen person misses a rule of the request.
    reason = TextAreaField(_l("Alasan mengusulkan di luar syarat"), validators=[Optional(), Length(max=1000)])


class AcceptForm(BaseForm):
    start_date = DateField(_l("Tanggal mulai bekerja"), validators=[
        InputRequired(_l("Isi tanggal yang valid.")),
        DateWindow(past=366, future=366, message=_l("Tanggal mulai harus dalam satu tahun dari hari ini."))])
    contract_type = SelectField(_l("Jenis hubungan kerja"), choices=EMPLOYMENT_TYPES)
    justification = TextAreaField(_l("Alasan menerima pekerja dari luar Bontang"),
                                  validators=[Optional(), Length(max=2000)])


class RejectForm(BaseForm):
    reason_code = SelectField(_l("Alasan"), choices=[("", _l("Pilih alasan"))] + list(REJECT_REASONS))
    reason_text = TextAreaField(_l("Keterangan"), validators=[Optional(), Length(max=1000)])


class PlanItemForm(BaseForm):
    title = StringField(_l("Jabatan"), validators=[DataRequired(REQUIRED), Length(max=200)])
    count = IntegerField(_l("Jumlah"), validators=[InputRequired(NUMBER), number_range(1, 1000)])
    month = SelectField(_l("Bulan dibutuhkan"), coerce=int, choices=MONTHS)
    skills = StringField(_l("Keahlian yang dibutuhkan"), validators=[Optional(), Length(max=500)])
    for_turnaround = BooleanField(_l("Untuk turnaround/shutdown pabrik"))


class DeadlineForm(BaseForm):
    deadline = DateField(_l("Batas waktu pelaporan"), validators=[
        InputRequired(_l("Isi tanggal yang valid.")), DateWindow(past=366, future=732)])


class EndPlacementForm(BaseForm):
    ended_on = DateField(_l("Tanggal berakhir"), validators=[
        InputRequired(_l("Isi tanggal yang valid.")), DateWindow(past=3660)])
    reason = SelectField(_l("Alasan berakhir"), choices=[("", _l("Pilih alasan"))] + list(END_REASONS))
    note = TextAreaField(_l("Keterangan"), description=_l("Wajib untuk PHK dan alasan lain."),
                         validators=[Optional(), Length(max=1000)])


class InterviewForm(BaseForm):
    interview_date = DateField(_l("Tanggal wawancara"), validators=[
        InputRequired(_l("Isi tanggal yang valid.")), DateWindow(future=366)])
    interview_time = TimeField(_l("Jam (WITA)"), validators=[InputRequired(_l("Isi jam yang valid, misalnya 09:00."))])
    place = StringField(_l("Tempat atau tautan rapat daring"), validators=[DataRequired(REQUIRED), Length(max=300)])
    contact = StringField(_l("Narahubung (nama dan telepon)"), validators=[DataRequired(REQUIRED), Length(max=200)])
    note = TextAreaField(_l("Catatan untuk kandidat"), description=_l("Misalnya dokumen yang dibawa."),
                         validators=[Optional(), Length(max=1000)])
