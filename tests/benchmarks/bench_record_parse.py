"""Benchmark: what each step of checking one pushed case costs in the centre's Python (run on demand).

Issue 16 asks for the push within 2× of a bare insert; the centre's Python per case is the gap
(``docs/push.md``). This prints, per real intake payload (a case with its materials and event,
as the window's outbox holds it), the CPU of each step the push path takes, and of the
alternative that was proposed for it: validating the typed record straight from the payload's
JSON text in one pass (pydantic-core, ``model_validate_json``) instead of reading the text into
an object and validating that. It answers whether that alternative pays before anyone changes
the protocol for it: it pays only if the record from text costs less than reading the object
plus validating it, by more than what the checks that need the object would then cost again.

``.venv/bin/python tests/benchmarks/bench_record_parse.py [--cases N] [--rounds R]``
No database needed. Prints figures; no target, so it always exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sync import case_variant, template_case  # noqa: E402
from pydantic_core import from_json, to_json  # noqa: E402

from clerk_app.protocol.records import CaseRecord  # noqa: E402
from clerk_app.server.check_change import check_change  # noqa: E402
from clerk_app.store.db import compact_json  # noqa: E402


def per_case(step: Callable[[Any], Any], inputs: list[Any], rounds: int) -> float:
    """Best of ``rounds`` passes, CPU µs per input (the machine is shared: CPU, not wall)."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for x in inputs:
            step(x)
        best = min(best, time.process_time() - t0)
    return best * 1e6 / len(inputs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        template = template_case(Path(tmp) / "tpl")
    texts = [compact_json(case_variant(template, "12345678901", i)) for i in range(1, args.cases + 1)]
    utf8 = [t.encode() for t in texts]
    objects = [from_json(t) for t in texts]
    records = [CaseRecord.model_validate(o) for o in objects]
    checked = list(zip(objects, texts, utf8, records, strict=True))

    steps = {
        "read the text into an object (pydantic-core from_json)": per_case(from_json, utf8, args.rounds),
        "typed record from the object (model_validate)": per_case(CaseRecord.model_validate, objects, args.rounds),
        "typed record from the text, one pass (model_validate_json)":
            per_case(CaseRecord.model_validate_json, utf8, args.rounds),
        "object encoded again for storage (to_json)": per_case(to_json, objects, args.rounds),
        "content hash (SHA-256 of the text)": per_case(lambda b: hashlib.sha256(b).digest(), utf8, args.rounds),
        "generic and field checks, from the record (check_change)":
            per_case(lambda c: check_change("case", c[0], c[1], c[2], c[3]), checked, args.rounds),
    }
    print(f"{args.cases} real intake payloads, {sum(map(len, utf8)) / len(utf8) / 1024:.1f} KB each; "
          f"CPU µs per case, best of {args.rounds}:")
    for name, us in steps.items():
        print(f"  {us:7.1f}  {name}")
    two_pass = steps["read the text into an object (pydantic-core from_json)"] + \
        steps["typed record from the object (model_validate)"]
    one_pass = steps["typed record from the text, one pass (model_validate_json)"]
    print(f"object then record: {two_pass:.1f} µs; record from text in one pass: {one_pass:.1f} µs "
          f"({(1 - one_pass / two_pass) * 100:+.0f} % saved before the checks, which read the object, "
          f"would need it again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
