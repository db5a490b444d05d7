"""Why a sync step failed, in plain Chinese for the clerk, and whether a retry can help."""

from __future__ import annotations


class SyncError(Exception):
    """Base: ``message`` is shown to the clerk as the last error."""

    retry = True

    def __init__(self, message: str, code: str = "error"):
        super().__init__(message)
        self.message = message
        self.code = code


class Offline(SyncError):
    """No answer from the centre (down, unreachable, timed out, connection cut)."""


class ServerBusy(SyncError):
    """The centre answered 5xx: it will be retried."""


class NotAuthorised(SyncError):
    """401/403: the window is not (or no longer) enrolled, or asked for what is not its own."""

    retry = False


class Refused(SyncError):
    """The centre refused the request as a whole (409/422/426, or a hello that says stop)."""

    retry = False


class NotEnrolled(SyncError):
    retry = False

    def __init__(self, message: str = "本窗口尚未登记到中心服务器（请管理员运行 clerk enroll）"):
        super().__init__(message, "not_enrolled")
