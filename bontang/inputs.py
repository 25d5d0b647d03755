"""One input layer for every form: bounded text, numbers, dates and id lists, messages in the user's language.

Every form derives from `BaseForm`. On top of each field's own validators it refuses control characters in
text, integers the database cannot hold, dates outside a plausible window, and text longer than a default
ceiling when a field forgot its own `Length`. WTForms ships no Indonesian messages, so its own ones
("Not a valid integer value.") come from `translations/id/LC_MESSAGES/wtforms.po`.
"""
from __future__ import annotations

import io
import unicodedata
from datetime import date, timedelta
from functools import lru_cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import request
from flask_babel import get_locale, lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import DateField, Field, IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, ValidationError

from bontang.config import ROOT
from bontang.core import DomainError

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # a PostgreSQL INTEGER
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
DEFAULT_TEXT_MAX = 1000
# Whitespace that multi-line text keeps; everything else of Unicode category Cc/Cs/Co/Cn is refused.
TEXTAREA_WHITESPACE = frozenset("\t\n\r")

CONTROL_MESSAGE = _l("Isian berisi karakter kontrol yang tidak diizinkan.")
INT_RANGE_MESSAGE = _l("Angka di luar batas yang dapat disimpan.")
DATE_RANGE_MESSAGE = _l("Tanggal di luar rentang yang masuk akal.")
TOO_MANY_MESSAGE = _l("Terlalu banyak pilihan (maksimal %(max)d).")
MISSING_MESSAGE = _l("Sebagian pilihan tidak ditemukan; muat ulang halaman.")
TEXT_LONG_MESSAGE = _l("Isian terlalu panjang (maksimal %(max)d karakter).")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})


def has_control(value: str, *, multiline: bool = False) -> bool:
    """True when `value` holds a control, surrogate, private-use or unassigned character."""
    for ch in value:
        if multiline and ch in TEXTAREA_WHITESPACE:
            continue
        if unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return True
    return False


def clean_text(value, *, max_length: int, field: str | None = None, multiline: bool = True,
               required_message: str | None = None) -> str:
    """Text from a raw request value for a service: stripped, bounded, free of control characters."""
    text = (value if isinstance(value, str) else "").strip()
    if required_message and not text:
        raise DomainError(required_message, field)
    if len(text) > max_length:
        raise DomainError(str(TEXT_LONG_MESSAGE) % {"max": max_length}, field)
    if has_control(text, multiline=multiline):
        raise DomainError(str(CONTROL_MESSAGE), field)
    return text


def raw_ids(values, *, max_items: int = 200, field: str | None = None) -> list[int]:
    """Ids from a raw `request.form.getlist(...)`: at most `max_items`, each a positive database integer."""
    values = list(values or ())
    if len(values) > max_items:
        raise DomainError(str(TOO_MANY_MESSAGE) % {"max": max_items}, field)
    ids = []
    for value in values:
        text = value.strip() if isinstance(value, str) else ""
        if not text.isascii() or not text.isdigit() or not 0 < int(text) <= INT_MAX:
            raise DomainError(str(MISSING_MESSAGE), field)
        ids.append(int(text))
    return list(dict.fromkeys(ids))


def raw_id(value) -> int | None:
    """One id from a raw form value, or None when it is missing or not a plausible id."""
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and 0 < int(text) <= INT_MAX:
        return int(text)
    return None


class DateWindow:
    """Validator: a date no earlier than `past` days before today and no later than `future` days after."""

    def __init__(self, past: int | None = None, future: int | None = None, message=None):
        self.past, self.future, self.message = past, future, message

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        today = date.today()
        if self.past is not None and field.data < today - timedelta(days=self.past):
            raise ValidationError(self.message or _l("Tanggal terlalu jauh di masa lalu."))
        if self.future is not None and field.data > today + timedelta(days=self.future):
            raise ValidationError(self.message or _l("Tanggal terlalu jauh di masa depan."))


class AgeBetween:
    """Validator: a birth date of someone between `youngest` and `oldest` years old today."""

    def __init__(self, youngest: int = 15, oldest: int = 70):
        self.youngest, self.oldest = youngest, oldest

    def __call__(self, form, field) -> None:
        if field.data is None:
            return
        today = date.today()
        born = field.data
        if born > today:
            raise ValidationError(_l("Tanggal lahir tidak boleh di masa depan."))
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if not self.youngest <= age <= self.oldest:
            raise ValidationError(_l("Usia harus %(min)d sampai %(max)d tahun.", min=self.youngest, max=self.oldest))


def number_range(low: int, high: int) -> NumberRange:
    """NumberRange with the project's message."""
    return NumberRange(min=low, max=high, message=_l("Isi angka %(min)d sampai %(max)d.", min=low, max=high))


class IdListField(SelectMultipleField):
    """Several ids of rows of `model`: at most `max_items`, each an existing row (checked in one query)."""

    def __init__(self, label=None, validators=None, *, model=None, max_items: int = 50, missing_message=None, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("validate_choice", False)
        super().__init__(label, validators, **kwargs)
        self.model, self.max_items, self.missing_message = model, max_items, missing_message or MISSING_MESSAGE

    def pre_validate(self, form) -> None:
        ids = list(dict.fromkeys(self.data or ()))
        if len(ids) > self.max_items:
            raise ValidationError(TOO_MANY_MESSAGE % {"max": self.max_items})
        if any(not 0 < i <= INT_MAX for i in ids):
            raise ValidationError(self.missing_message)
        self.data = ids
        if ids and self.model is not None:
            from bontang.extensions import db

            found = set(db.session.scalars(select(self.model.id).where(self.model.id.in_(ids))))
            if found != set(ids):
                raise ValidationError(self.missing_message)


def _text_limit(field: Field) -> int | None:
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max is not None and v.max >= 0]
    return min(limits) if limits else None


def _ints_of(field: Field) -> list:
    data = field.data
    values = data if isinstance(data, (list, tuple)) else [data]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def check_field(field: Field) -> str | None:
    """The message of the first universal rule that `field` breaks, or None."""
    if isinstance(field, (StringField, TextAreaField)) and isinstance(field.data, str):
        limit = _text_limit(field)
        if limit is None and len(field.data) > DEFAULT_TEXT_MAX:
            return str(TEXT_LONG_MESSAGE) % {"max": DEFAULT_TEXT_MAX}
        if has_control(field.data, multiline=isinstance(field, TextAreaField)):
            return str(CONTROL_MESSAGE)
    if any(not INT_MIN <= v <= INT_MAX for v in _ints_of(field)):
        return str(INT_RANGE_MESSAGE)
    if isinstance(field, DateField) and isinstance(field.data, date) and not EARLIEST <= field.data <= LATEST:
        return str(DATE_RANGE_MESSAGE)
    return None


@lru_cache(maxsize=4)
def _wtforms_catalog(locale: str) -> Translations | None:
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "wtforms.po"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="wtforms")


class _Messages:
    """WTForms' translations object: the project's catalog for the page's language, English otherwise."""

    def _current(self):
        locale = str(get_locale() or "id") if request else "id"
        return _wtforms_catalog(locale) or NullTranslations()

    def gettext(self, string):
        return self._current().gettext(string)

    def ngettext(self, singular, plural, n):
        return self._current().ngettext(singular, plural, n)


MESSAGES = _Messages()


class BaseForm(FlaskForm):
    """Every form of the portal: form data only (no JSON bodies), universal bounds, localised messages."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return MESSAGES

        def wrap_formdata(self, form, formdata):
            if formdata is not None and request and request.is_json and not request.form:
                return None  # a JSON body is not a form submission: the form stays empty and invalid
            return super().wrap_formdata(form, formdata)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            message = check_field(field)
            if message:
                field.errors = list(field.errors) + [message]
                valid = False
        return valid


class ActionForm(BaseForm):
    """An empty form: CSRF for button-only POSTs."""


__all__ = ["ActionForm", "AgeBetween", "BaseForm", "DateWindow", "IdListField", "IntegerField", "clean_text",
           "has_control", "number_range", "raw_id", "raw_ids"]
