"""Forms for logging in and setting passwords."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from bontang.inputs import BaseForm


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("E-mail wajib diisi.")), Length(max=254)])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Kata sandi wajib diisi.")), Length(max=200)])


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("E-mail wajib diisi.")),
                                                  Email(_l("Alamat e-mail tidak valid.")), Length(max=254)])


class SetPasswordForm(BaseForm):
    password = PasswordField(_l("Kata sandi baru"), description=_l("Minimal 10 karakter."), validators=[DataRequired(_l("Kata sandi wajib diisi.")), Length(max=200)])
    confirm = PasswordField(_l("Ulangi kata sandi"), validators=[
        DataRequired(_l("Ulangi kata sandi.")), Length(max=200), EqualTo("password", _l("Kedua kata sandi tidak sama."))])
