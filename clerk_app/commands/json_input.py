"""A JSON file given to a command (an intake request, a roster): read with a Chinese message for
each way it can be wrong, never an internal error.

Windows' Notepad and Excel save "UTF-8 with BOM", so a leading BOM is allowed; a file saved as
GBK or UTF-16 is named as such a file, with the fix; a file nested too deep for the reader is a
format error like any other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from clerk_app.commands.common import CommandError


def read_json_input(name: str, code: int = 2) -> Any:
    """The JSON value of the file ``name`` (``-``: standard input); :class:`CommandError` else."""
    try:
        if name == "-":  # already text, in the terminal's encoding
            text = sys.stdin.read().removeprefix("\ufeff")
        else:
            text = Path(name).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise CommandError(f"{name}: 无法读取：{exc.strerror or exc}", code) from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{name}: 不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法读取），"
                           "请以 UTF-8 编码另存后再试", code) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{name}: JSON 格式错误：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}", code) from None
    except RecursionError:
        raise CommandError(f"{name}: JSON 格式错误：嵌套层次过深", code) from None
