"""Forms for companies and user accounts."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, Regexp

from bontang.accounts.models import Company, Office, Role
from bontang.extensions import db
from bontang.inputs import BaseForm
from bontang.reference import COMPANY_CATEGORIES, KELURAHAN, LEGAL_FORMS
from bontang.templating import ROLE_LABELS

REQUIRED = _l("Wajib diisi.")
OFFICE_LABELS = {Office.KEPALA_DINAS: _l("Kepala Dinas Ketenagakerjaan"),
                 Office.WAKIL_WALI_KOTA: _l("Wakil Wali Kota"), Office.WALI_KOTA: _l("Wali Kota")}


class CompanyForm(BaseForm):
    name = StringField(_l("Nama perusahaan"), validators=[DataRequired(REQUIRED), Length(max=200)])
    legal_form = SelectField(_l("Bentuk badan usaha"), choices=[(f, f) for f in LEGAL_FORMS])
    nib = StringField(_l("NIB"), description=_l("Nomor Induk Berusaha, 13 digit"), validators=[
        DataRequired(REQUIRED), Regexp(r"^\d{13}$", message=_l("NIB harus 13 digit angka."))])
    npwp = StringField(_l("NPWP"), validators=[Optional(), Regexp(r"^[\d.\-]{15,20}$", message=_l("NPWP tidak valid."))])
    kbli = StringField(_l("KBLI"), description=_l("Kode KBLI 5 digit"), validators=[
        Optional(), Regexp(r"^\d{5}$", message=_l("KBLI harus 5 digit angka."))])
    sector = StringField(_l("Sektor usaha"), validators=[Optional(), Length(max=120)])
    category = SelectField(_l("Kategori"), choices=COMPANY_CATEGORIES)
    address = TextAreaField(_l("Alamat"), validators=[DataRequired(REQUIRED), Length(max=500)])
    kelurahan = SelectField(_l("Kelurahan"), choices=[(k, k) for k in KELURAHAN])
    headcount_local = IntegerField(_l("Pekerja ber-KTP Bontang"), default=0, validators=[
        NumberRange(min=0, max=100000, message=_l("Isi angka 0 atau lebih."))])
    headcount_nonlocal = IntegerField(_l("Pekerja dari luar Bontang"), default=0, validators=[
        NumberRange(min=0, max=100000, message=_l("Isi angka 0 atau lebih."))])

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.data.items() if k != "csrf_token"}
        data["npwp"] = data["npwp"] or ""
        data["kbli"] = data["kbli"] or ""
        data["sector"] = data["sector"] or ""
        return data


class UserForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(REQUIRED), Email(_l("Alamat e-mail tidak valid.")),
                                                  Length(max=254)])
    name = StringField(_l("Nama lengkap"), validators=[DataRequired(REQUIRED), Length(max=120)])
    position = StringField(_l("Jabatan"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Peran"))
    company_id = SelectField(_l("Perusahaan"), coerce=int, validators=[Optional()])
    institution_id = SelectField(_l("Lembaga pelatihan"), coerce=int, validators=[Optional()])
    office = SelectField(_l("Jabatan penanda tangan MoU"), choices=[("", "—")] + [
        (o.value, OFFICE_LABELS[o]) for o in Office], validators=[Optional()],
        description=_l("Khusus pejabat: hanya pemegang jabatan ini yang dapat menandatangani bagiannya pada MoU."))

    def __init__(self, *args, allowed_roles=tuple(Role), fixed_company: Company | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(r.value, ROLE_LABELS[r]) for r in allowed_roles]
        if fixed_company is not None:
            self.company_id.choices = [(fixed_company.id, fixed_company.name)]
        else:
            companies = db.session.execute(select(Company.id, Company.name).order_by(Company.name)).all()
            self.company_id.choices = [(0, "—")] + [(c.id, c.name) for c in companies]
        from bontang.training.models import TrainingInstitution

        institutions = db.session.execute(
            select(TrainingInstitution.id, TrainingInstitution.name).order_by(TrainingInstitution.name)).all()
        self.institution_id.choices = [(0, "—")] + [(i.id, i.name) for i in institutions]

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.data.items() if k != "csrf_token"}
        data["position"] = data["position"] or ""
        data["company_id"] = data["company_id"] or None
        data["institution_id"] = data["institution_id"] or None
        data["office"] = data.get("office") or ""
        return data
