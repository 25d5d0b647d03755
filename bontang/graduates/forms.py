"""Forms of the company-facing graduate search: the ask to propose a graduate, and its closing by staff."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from bontang.inputs import BaseForm


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
