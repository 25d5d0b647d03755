"""Imports every model so that metadata, migrations and mappers see them all."""
from bontang.accounts.models import Company, User, Role  # noqa: F401
from bontang.audit import AuditEvent, AuditHead  # noqa: F401
from bontang.mail import OutboxMessage  # noqa: F401
import bontang.jobseekers.models
import bontang.training.models
import bontang.graduates.models
import bontang.mou.models
import bontang.hiring.models
import bontang.jobs.models
import bontang.privacy.models
import bontang.passkeys.models
import bontang.reports.models  # (report indexes on hiring tables)
import bontang.workforce.models  # noqa: F401  (issue 12b: wajib lapor)
