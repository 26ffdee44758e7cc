"""Who and where this process is: the facts a lock or recovery file records.

Deciding that another process is gone must not be fooled by PID reuse after a reboot
(the usual aftermath of a power cut), so an owner is identified by host, PID *and* the
machine's boot time; a PID from an earlier boot is dead whatever runs under it now.
"""

from __future__ import annotations

import contextlib
import os
import time

BOOT_TOLERANCE_S = 120.0  # wall-clock adjustments move the computed boot time a little


def hostname() -> str:
    import socket  # loaded when a lock is checked, not at every start (~6 ms)

    return socket.gethostname() or "unknown host"


def username() -> str:
    import getpass

    with contextlib.suppress(Exception):
        return getpass.getuser()
    return "unknown user"


def full_name() -> str:
    """The account's full name (the GECOS field on Unix), or the login name, or ""."""
    with contextlib.suppress(Exception):
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",", 1)[0].strip()
        if gecos:
            return gecos
    with contextlib.suppress(Exception):
        import getpass

        return getpass.getuser()
    return ""


def boot_time() -> float:
    """Seconds since the epoch when this machine started (monotonic clocks count from it)."""
    return time.time() - time.monotonic()


def pid_alive(pid: int) -> bool:
    """True if a process with this id runs on this machine (or we may not ask)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_pid_alive(pid)  # os.kill would terminate it there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def process_alive(host: str, pid: int, boot: float | None) -> bool | None:
    """Whether the recorded owner still runs; None when it is on another machine."""
    if host != hostname():
        return None
    if boot is not None and abs(boot - boot_time()) > BOOT_TOLERANCE_S:
        return False
    return pid_alive(pid)
