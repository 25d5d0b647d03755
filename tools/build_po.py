"""Write translations/en/LC_MESSAGES/messages.po for the foundation from the source strings.

Usage: .venv/bin/python tools/build_po.py  (extracts with pybabel, fills English from tools/en_core.py)
"""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["bontang/__init__.py", "bontang/errors.py", "bontang/inputs.py", "bontang/web.py", "bontang/security.py", "bontang/templating.py", "bontang/reference.py", "bontang/auth",
           "bontang/accounts", "bontang/main", "bontang/admin", "templates/base.html", "templates/_flashes.html",
           "templates/_macros", "templates/errors", "templates/auth", "templates/accounts", "templates/main",
           "templates/admin", "bontang/jobs", "bontang/mailbox", "bontang/tasks", "templates/jobs", "templates/mailbox",
           "bontang/observability", "bontang/backup"]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tools.en_core import EN

    pot = ROOT / "instance" / "core.pot"
    pot.parent.mkdir(exist_ok=True)
    subprocess.run([str(ROOT / ".venv/bin/pybabel"), "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l",
                    "-o", str(pot), *SOURCES], cwd=ROOT, check=True, capture_output=True)
    catalog = read_po(pot.open("rb"), locale="en")
    missing = []
    for message in catalog:
        if message.id:
            message.string = EN.get(message.id, "")
            if not message.string:
                missing.append(message.id)
    out = ROOT / "translations/en/LC_MESSAGES/messages.po"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, no_location=True)
    print(f"{out}: {len(catalog) - len(missing)} translated, {len(missing)} missing")
    for text in missing:
        print("  missing:", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
