"""The worker's entry point: `huey_consumer bontang.tasks.worker.huey` (see the Makefile and README).

Importing this module builds the Flask app from the environment, binds the jobs to it and
registers them, so the consumer knows every task.
"""
from bontang import create_app
from bontang.tasks import jobs  # noqa: F401  (registers the tasks)
from bontang.tasks.queue import bind, huey

app = create_app()
bind(app)  # this process's jobs run in this app

__all__ = ["app", "huey"]
