from flask import Blueprint

bp = Blueprint("jobseekers", __name__)
