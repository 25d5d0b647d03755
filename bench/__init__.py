"""Benchmarks (`make bench`). Jobs they start go to a queue of their own, never a running `make run`'s."""
import os
import tempfile

os.environ.setdefault("TASK_QUEUE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='bontang-bench-')}/tasks.db")
os.environ.setdefault("TASK_QUEUE_NAME", f"bontang-bench-{os.getpid()}")
