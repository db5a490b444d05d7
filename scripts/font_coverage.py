"""Write ``resources/fonts/coverage.json``: the code point ranges of each shipped font.

Run after adding or replacing a font in ``resources/fonts`` (tests/documents/test_glyphs.py
fails while the record and the fonts disagree):

    .venv/bin/python scripts/font_coverage.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clerk_app import glyphs, paths  # noqa: E402


def main() -> None:
    out = paths.FONTS / glyphs.COVERAGE_FILE
    record = glyphs.coverage_record()
    out.write_text(json.dumps(record, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes): "
          + ", ".join(f"{f} {len(v['ranges'])} ranges" for f, v in record.items()))


if __name__ == "__main__":
    main()
