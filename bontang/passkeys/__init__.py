"""Passkeys (WebAuthn): enrol on the account page, sign an MoU with one instead of the e-mailed code,
confirm a credential change made by Disnaker."""
from flask import Blueprint

bp = Blueprint("passkeys", __name__)
