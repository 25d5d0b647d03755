"""Forms of the MoU feature; the rules themselves live in the services."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, HiddenField, RadioField, SelectMultipleField, StringField,
                     TextAreaField, widgets)
from wtforms.validators import DataRequired, Length, Optional

from bontang.inputs import BaseForm, DateWindow
from bontang.mou.evidence import consent_statement

REQUIRED = _l("Wajib diisi.")


class SignForm(BaseForm):
    name = StringField(_l("Nama lengkap penanda tangan"), validators=[Length(max=120)])
    position = StringField(_l("Jabatan"), validators=[Length(max=120)])
    method = RadioField(_l("Cara tanda tangan"), choices=[("drawn", _l("Gambar tanda tangan")),
                                                         ("typed", _l("Ketik nama"))], default="drawn",
                        validators=[Optional()])
    signature = HiddenField(_l("Gambar tanda tangan"), validators=[  # a 300 KB PNG as a data URL
        Length(max=450_000, message=_l("Gambar tanda tangan terlalu besar (maksimal 300 KB)."))])
    typed = StringField(_l("Tanda tangan diketik"), description=_l("Ditampilkan dengan huruf tulisan tangan."),
                        validators=[Length(max=80)])
    consent = BooleanField(_l("Pernyataan persetujuan"))
    code = StringField(_l("Kode dari e-mail (6 digit)"), validators=[Length(max=12)])
    passkey = HiddenField(_l("Jawaban passkey"), validators=[Length(max=20_000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent.label.text = consent_statement()

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.data.items() if k != "csrf_token"}


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Alasan menolak"), validators=[DataRequired(REQUIRED), Length(max=1000)])


class ReinviteForm(BaseForm):
    reason = TextAreaField(_l("Alasan mengundang ulang"), validators=[DataRequired(REQUIRED), Length(max=1000)])


class RevokeForm(BaseForm):
    reason = TextAreaField(_l("Alasan pencabutan"), validators=[DataRequired(REQUIRED), Length(max=1000)])


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class TemplateForm(BaseForm):
    title = StringField(_l("Judul"), validators=[DataRequired(REQUIRED), Length(max=300)])
    body = TextAreaField(_l("Isi (Markdown)"), validators=[DataRequired(REQUIRED), Length(max=100_000)],
                         description=_l("Placeholder ditulis seperti {{ nama_perusahaan }}."))
    signatory_roles = MultiCheckboxField(_l("Penanda tangan (berurutan)"), choices=[
        ("company_rep", _l("Wakil perusahaan")), ("official", _l("Pejabat Disnaker")),
        ("vice_mayor", _l("Wakil Wali Kota")), ("mayor", _l("Wali Kota"))])
    valid_from = DateField(_l("Berlaku mulai"), validators=[DataRequired(REQUIRED), DateWindow(past=365 * 5, future=365 * 5)])
    valid_until = DateField(_l("Berlaku sampai"), validators=[DataRequired(REQUIRED), DateWindow(past=365 * 5, future=365 * 30)])

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.data.items() if k != "csrf_token"}
