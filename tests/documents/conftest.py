"""Helpers for the document tests: render, extract text, rasterise and decode codes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from clerk_app.documents import render_bytes
from clerk_app.settings import Settings

PDFTOPPM = shutil.which("pdftoppm")
needs_pdftoppm = pytest.mark.skipif(
    PDFTOPPM is None, reason="poppler's pdftoppm is not installed (apt-get install poppler-utils)"
)


@pytest.fixture
def settings() -> Settings:
    return Settings()


def pdf_text(data: bytes) -> list[str]:
    """Text of each page with all whitespace removed (wrapping and letter spacing vanish)."""
    reader = pypdf.PdfReader(_io(data))
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in reader.pages]


def all_text(data: bytes) -> str:
    return "".join(pdf_text(data))


def _io(data: bytes):
    import io

    return io.BytesIO(data)


def rasterise(data: bytes, tmp_path: Path, dpi: int = 150) -> list[Path]:
    """Each page as a PNG at ``dpi`` via pdftoppm."""
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def decode(png: Path) -> list[tuple[str, str]]:
    """(format name, text) of every barcode/QR code zxing finds on the page image."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as img:
        return [(b.format.name, b.text) for b in zxingcpp.read_barcodes(img)]


def render(doc, kind: str, settings: Settings) -> bytes:
    data = render_bytes(doc, kind, settings)
    assert data.startswith(b"%PDF-")
    return data
