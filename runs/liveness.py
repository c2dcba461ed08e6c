"""Is the process that claimed a run (or an experiment) still alive?

A process id alone cannot say: after a container restarts, the new process often has
the same pid (1) as the one that died, and pids are reused on any busy machine. So a
claim records the pid and the process's start time, and it is alive only when a
process with that pid exists and started at that time. Claims recorded before the
start time was kept (``proc_start`` NULL) fall back to the pid, except for our own
pid, which cannot be told apart and is taken as gone once this process did not make it.
"""

from __future__ import annotations

import os
from functools import cache

# psutil reports start times rounded to the clock tick; two readings of one process agree
# to well within this.
_TOLERANCE_S = 0.05


@cache
def this_process_start() -> float:
    return _start_time(os.getpid()) or 0.0


def _start_time(pid: int) -> float | None:
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except (psutil.Error, OSError, ValueError):
        return None


def alive(pid: int | None, proc_start: float | None) -> bool:
    """True when the recorded claim belongs to a process that is running now."""
    if not pid:
        return False
    if proc_start is None:  # recorded by an older version: only the pid is known
        if pid == os.getpid():
            return False
        import psutil

        return psutil.pid_exists(pid)
    started = this_process_start() if pid == os.getpid() else _start_time(pid)
    return started is not None and abs(started - float(proc_start)) <= _TOLERANCE_S
