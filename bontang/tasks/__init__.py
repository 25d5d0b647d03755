"""The task queue (Huey): the queue itself in `queue`, the jobs it runs in `jobs`, the worker entry in `worker`.

Why Huey: one small, well-kept library that gives both deployments this project needs — a
SQLite-backed queue that needs no server (`make run`) and Redis for production — plus
retries with backoff, scheduled and periodic tasks from the worker's own scheduler, and a
multi-process consumer. Celery needs a broker server for anything but tests, RQ is Redis
only, and Dramatiq has no embedded cross-process broker.
"""
