"""The document kinds and their Chinese titles."""

from __future__ import annotations

KINDS: dict[str, str] = {
    "receipt": "收件凭证",
    "acceptance": "受理凭证",
    "notice": "一次性告知书",
    "tolerated": "容缺受理通知书",
    "commitment": "告知承诺书",
    "refusal": "不予受理通知书",
    "handout": "出件回执",
}
