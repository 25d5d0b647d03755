"""Each user's own e-mails, readable in the portal while there is no real mail server (development
and the demo only): a person reads their codes and links here; nobody reads anyone else's."""
from flask import Blueprint

bp = Blueprint("mailbox", __name__)
