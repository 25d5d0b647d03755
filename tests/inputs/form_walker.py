"""Find every POST form on a page and generate hostile values for its fields (Hypothesis strategies)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import strategies as st

CONTROL = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f", "\x85", "\u009b", "\ufffe"]
ODD = ["\u202e", "\u200b", "\ufeff", "\U0001f600", "\u0301", "ẞ", "\u4e2d", "\U00010348", "\u0627", "\u00a0"]
HUGE_NUMBERS = ["99999999999999999999", "-99999999999999999999", "2147483648", "-2147483649", "1e400", "NaN",
                "abc", "0x10", "1.5", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠", " ", "--1", "+-3", "1_000_000_000_000"]
BAD_DATES = ["9999-12-31", "0001-01-01", "1800-01-01", "2025-02-30", "31/12/2025", "2025-13-01", "abc",
             "99999-01-01", "2025-1-1\x00", "+002025-01-01", "1899-12-31", "2200-01-01"]
SKIP_ACTIONS = ("/keluar", "/bahasa")
# Hidden fields that only choose how the answer is shaped (fragment or page), not what is written.
UNCHECKED_NAMES = {"csrf_token", "from"}


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, number, date, select, multiselect, radio, checkbox, hidden, file, email, password
    value: str = ""
    maxlength: int | None = None
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    multipart: bool = False

    @property
    def hostile_fields(self) -> list[Field]:
        return [f for f in self.fields.values()
                if f.name not in UNCHECKED_NAMES and f.kind not in ("checkbox", "file", "button")]

    def defaults(self) -> dict[str, object]:
        """What a browser would send untouched: values, checked boxes, selected options."""
        data: dict[str, object] = {}
        for f in self.fields.values():
            if f.kind == "multiselect":
                data[f.name] = [v for v in f.value.split("\x1f") if v]
            elif f.kind in ("checkbox", "radio") and not f.value:
                continue
            elif f.kind != "file":
                data[f.name] = f.value
        return data


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self.current, self.select, self.textarea = page_url, [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "option" and self.select is not None:
            self._option(a)
            return
        if tag == "form" and (a.get("method", "").lower() == "post" or "hx-post" in a):
            action = a.get("hx-post") or a.get("action") or self.page_url
            multipart = "multipart" in (a.get("enctype", "") + a.get("hx-encoding", ""))
            self.current = Form(urljoin(self.page_url, action), multipart=multipart)
            self.forms.append(self.current)
        if self.current is None or "name" not in a:
            return
        name = a["name"]
        maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
        if tag == "input":
            kind = a.get("type", "text").lower()
            kind = {"search": "text", "tel": "text", "url": "text"}.get(kind, kind)
            if kind in ("submit", "button", "image", "reset"):
                self._button(name, a)
                return
            checked = "checked" in a
            old = self.current.fields.get(name)
            if kind == "radio" and old is not None:
                old.options.append(a.get("value", "on"))
                old.value = a.get("value", "on") if checked else old.value
                return
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio") and not checked:
                value = ""
            self.current.fields[name] = Field(name, kind, value, maxlength, [a.get("value", "on")])
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._button(name, a)
        elif tag == "select":
            self.select = Field(name, "multiselect" if "multiple" in a else "select", "", None, [])
            self.current.fields[name] = self.select
        elif tag == "textarea":
            self.textarea = Field(name, "textarea", "", maxlength)
            self.current.fields[name] = self.textarea

    def _button(self, name: str, a: dict) -> None:
        """The first named submit button is the one the walker 'clicks': a browser sends its value."""
        if not any(f.kind == "button" for f in self.current.fields.values()):
            self.current.fields[name] = Field(name, "button", a.get("value", ""))

    def _option(self, a: dict) -> None:
        value = a.get("value", "")
        self.select.options.append(value)
        if "selected" in a:
            joined = self.select.kind == "multiselect" and self.select.value
            self.select.value = f"{self.select.value}\x1f{value}" if joined else value

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            if self.select and self.select.kind == "select" and not self.select.value and self.select.options:
                self.select.value = self.select.options[0]
            self.select = None
        elif tag == "textarea":
            if self.textarea is not None and self.textarea.value.startswith(("\r\n", "\n")):
                self.textarea.value = self.textarea.value.split("\n", 1)[1]  # browsers drop that first newline
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data



def forms_on(page_url: str, html: str) -> list[Form]:
    """Every POST form of a page that takes input (not logout or the language switch)."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return [f for f in parser.forms if not urlsplit(f.action).path.startswith(SKIP_ACTIONS) and f.hostile_fields]


def _with_control(text_strategy):
    return st.tuples(text_strategy, st.sampled_from(CONTROL), st.integers(0, 40)).map(
        lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])


def hostile_value(f: Field):
    """Values the field must refuse (with a message), whatever the other fields hold."""
    odd_text = st.text(st.sampled_from(ODD + list("abc Bontang-01")), max_size=30)
    if f.kind in ("number",):
        return st.sampled_from(HUGE_NUMBERS) | st.integers(min_value=10**19, max_value=10**30).map(str)
    if f.kind == "date":
        return st.sampled_from(BAD_DATES) | st.integers(2200, 9999).map(lambda y: f"{y}-01-01")
    if f.kind in ("select", "radio", "multiselect"):
        strategy = st.sampled_from(["99999999999999999999", "-1", "2147483648", "\x00", "x" * 300, "999999"]) | odd_text
        strategy = strategy.filter(lambda v: v and v not in f.options)  # empty means "none chosen", a real choice
        return st.lists(strategy, min_size=1, max_size=3) if f.kind == "multiselect" else strategy
    limit = f.maxlength or 100_000  # above every limit a field without maxlength may have
    too_long = st.sampled_from(["x", "\U0001f600", "ẞ", "中"]).map(lambda ch: ch * (limit + 1))
    return _with_control(odd_text) | too_long


def all_bad(form: Form) -> dict[str, object]:
    """NUL bytes in every text field, 20-digit numbers in every number field (the issue's one-shot check)."""
    data = form.defaults()
    for f in form.hostile_fields:
        if f.kind == "number":
            data[f.name] = "99999999999999999999"
        elif f.kind in ("text", "textarea", "email", "password", "hidden"):
            data[f.name] = f"{f.value or 'x'}\x00"
    return data
