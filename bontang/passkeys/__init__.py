"""Passkeys (WebAuthn): enrol on the account page, sign an MoU with one instead of the e-mailed code."""
