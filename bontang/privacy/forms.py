"""The lookup of a person at the counter, and the confirmation of an anonymisation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from bontang.inputs import BaseForm


class LookupForm(BaseForm):
    class Meta:
        csrf = False  # a GET search

    q = StringField(_l("NIK atau nomor AK1"), validators=[DataRequired(_l("Isi NIK atau nomor AK1.")), Length(max=30)])


class ExportForm(BaseForm):
    fmt = SelectField(_l("Format"), choices=[("pdf", "PDF"), ("json", "JSON")])


class AnonymiseForm(BaseForm):
    confirm = StringField(_l("Ketik HAPUS untuk menegaskan"), validators=[DataRequired(_l("Ketik HAPUS untuk menegaskan.")),
                                                                           Length(max=10)])

    def validate_confirm(self, field) -> None:
        from wtforms.validators import ValidationError

        if field.data.strip().upper() != "HAPUS":
            raise ValidationError(_l("Ketik HAPUS untuk menegaskan."))
