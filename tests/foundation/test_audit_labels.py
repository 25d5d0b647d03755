"""Every audit action the code records has a readable label in the audit log (Indonesian, and English)."""
from __future__ import annotations

import re
from pathlib import Path

from flask_babel import force_locale

from bontang.templating import AUDIT_ACTIONS, audit_action

ROOT = Path(__file__).resolve().parents[2] / "bontang"
RECORDED = re.compile(r'audit\.record\(\s*"([a-z_]+\.[a-z_]+)"')


def _recorded_actions() -> set[str]:
    return {m.group(1) for path in ROOT.rglob("*.py") for m in RECORDED.finditer(path.read_text())}


def test_every_recorded_action_has_a_label():
    actions = _recorded_actions()
    assert len(actions) > 50  # the scan finds the calls
    assert sorted(a for a in actions if a not in AUDIT_ACTIONS) == []


def test_labels_are_translated_on_english_pages(app):
    with app.test_request_context(), force_locale("en"):
        # label._args[0] is the Indonesian source text of the lazy label.
        untranslated = [code for code, label in AUDIT_ACTIONS.items() if audit_action(code) == label._args[0]]
    assert untranslated == []
