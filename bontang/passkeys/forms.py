"""Forms of the account page: the browser's WebAuthn answer travels in a bounded hidden field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length

from bontang.inputs import BaseForm

MAX_CREDENTIAL_JSON = 20_000


class EnrolForm(BaseForm):
    name = StringField(_l("Nama passkey"), default="Passkey", description=_l("Misalnya: Laptop kantor, Ponsel."),
                       validators=[DataRequired(_l("Wajib diisi.")), Length(max=60)])
    credential = HiddenField(_l("Jawaban passkey"), validators=[Length(max=MAX_CREDENTIAL_JSON)])


class ConfirmForm(BaseForm):
    credential = HiddenField(_l("Jawaban passkey"), validators=[Length(max=MAX_CREDENTIAL_JSON)])
