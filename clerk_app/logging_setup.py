"""Rotating logs in the data folder; citizens' data and secrets never reach them.

Redacted: ID numbers and unified social credit codes (kept: the first and last digits),
mobile and landline numbers, names and addresses written as ``key=value`` / ``"key": "value"``
under the names the app uses, and Chinese addresses (text ending in 路/街/号/室…).
A full disk or an unwritable log never becomes a traceback: the line is dropped.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys

from clerk_app import paths

_ID = re.compile(r"(?<![0-9A-Z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Z])")
_USCC = re.compile(r"(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{6})[0-9A-HJ-NPQRTUWXY]{6}([0-9A-HJ-NPQRTUWXY]{4})(?![0-9A-Z])")
_SECRET = re.compile(r"(?i)(password|passwd|token|secret|code)(['\"]?\s*[:=]\s*['\"]?)([^\s'\",}]+)")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3})[- ]?\d{7,8}(?!\d)")
_PERSONAL_KEYS = (r"name|applicant_name|contact|agent_name|legal_rep|address|addr|mail_address|recipient"
                  r"|姓名|名称|联系人|代理人|法定代表人|地址|住址|收件人")
_KEYED = re.compile(rf"(?i)(['\"]?\b(?:{_PERSONAL_KEYS})['\"]?\s*[:=：]\s*)(?:(['\"])[^'\"\n]*\2|[^\s'\",}}]+)")
_ADDRESS = re.compile(r"[\u4e00-\u9fa5\d]{2,}(?:省|市|区|县|镇|乡|村)[\u4e00-\u9fa5\w\-－]*?"
                      r"(?:路|街|道|弄|巷|号|室|栋|幢|楼|组)[\u4e00-\u9fa5\w\-－]*")


def redact(text: str) -> str:
    text = _ID.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    text = _USCC.sub(lambda m: m.group(1) + "******" + m.group(2), text)
    text = _SECRET.sub(lambda m: m.group(1) + m.group(2) + "***", text)
    text = _KEYED.sub(lambda m: m.group(1) + (m.group(2) or "") + "***" + (m.group(2) or ""), text)
    text = _ADDRESS.sub("[地址已隐去]", text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
    return _LANDLINE.sub(lambda m: m.group(1) + "-********", text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A log line that cannot be written (disk full, removed folder) is dropped, with one short note."""

    _noted = False

    def _open(self):
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        if not QuietRotatingFileHandler._noted:
            QuietRotatingFileHandler._noted = True
            exc = sys.exc_info()[1]
            with contextlib.suppress(Exception):
                sys.stderr.write(f"clerk: 日志无法写入（{type(exc).__name__}: {exc}），磁盘空间可能不足\n")


_configured = False


def _home_unusable() -> bool:
    try:
        paths.data_home()
    except paths.DataFolderError:
        return True
    return False


def setup(level: int = logging.INFO, name: str = "clerk.log") -> None:
    global _configured
    if _configured:
        return
    try:
        where = paths.logs_dir() / name
        handler = QuietRotatingFileHandler(where, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except (OSError, paths.DataFolderError) as exc:  # the command still runs (and says what is wrong)
        logging.getLogger().addHandler(logging.NullHandler())  # not logging's last resort (English on stderr)
        if isinstance(exc, OSError):
            note = (f"日志文件 {exc.filename or name} 无法写入：{paths.os_reason(exc)}。"
                    "请信息科检查数据文件夹中 logs 的权限与空间")
        else:
            note = "" if _home_unusable() else str(exc)  # an unusable data folder: the command says so, once
        if note:
            with contextlib.suppress(Exception):
                sys.stderr.write(f"clerk: {note}（本次运行不记日志）\n")
        return
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = True
