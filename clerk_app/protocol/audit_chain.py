"""The audit chain's hash, as the centre recomputes it.

It must equal ``clerk_app.store.audit.entry_hash`` byte for byte (a test pins this): the
window computes it when appending, the centre when receiving, so an entry edited on the
way or on disk is found at either end.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64


def canonical(seq: int, entry_id: str, at_iso: str, actor: str, action: str, subject: str,
              detail: dict[str, Any]) -> bytes:
    return json.dumps(
        [seq, entry_id, at_iso, actor, action, subject, detail],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str,
    ).encode("utf-8")


def entry_hash(prev: str, seq: int, entry_id: str, at_iso: str, actor: str, action: str, subject: str,
               detail: dict[str, Any]) -> str:
    return hashlib.sha256(prev.encode() + canonical(seq, entry_id, at_iso, actor, action, subject, detail)).hexdigest()
