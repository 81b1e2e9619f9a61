"""`parse_pdf` raises the `InputError` that says what is wrong with a file."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from extract.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NoTextLayerError,
    NotPdfError,
    UnreadableFileError,
)
from extract.pdf import parse_pdf


def _pdf(text: str = "Some text on a page.", **save: object) -> bytes:
    pdf = pymupdf.open()
    page = pdf.new_page()
    if text:
        page.insert_text((72, 72), text)
    else:
        page.draw_rect(pymupdf.Rect(72, 72, 300, 300), fill=(0.5, 0.5, 0.5))
    return pdf.tobytes(**save)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError) as err:
        parse_pdf(path)
    assert err.value.kind == "empty_file"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError):
        parse_pdf(tmp_path / "nowhere.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(NotPdfError):
        parse_pdf(Path("notes.pdf"), data=b"<html><body>not a pdf</body></html>")


def test_corrupt_pdf() -> None:
    with pytest.raises(CorruptPdfError):
        parse_pdf(Path("broken.pdf"), data=b"%PDF-1.7\n" + b"\x00garbage" * 50)


def test_truncated_pdf_is_corrupt_or_readable_never_a_crash() -> None:
    data = _pdf()
    try:
        doc = parse_pdf(Path("cut.pdf"), data=data[: len(data) // 2])
    except (CorruptPdfError, NoTextLayerError):
        return
    assert doc.pages


def test_encrypted_with_a_user_password() -> None:
    data = _pdf(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    with pytest.raises(EncryptedPdfError) as err:
        parse_pdf(Path("locked.pdf"), data=data)
    assert err.value.kind == "encrypted_pdf"


def test_encrypted_with_an_empty_user_password_opens() -> None:
    data = _pdf(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="", owner_pw="owner")
    doc = parse_pdf(Path("owner-only.pdf"), data=data)
    assert "Some text on a page." in doc.text


def test_image_only_pdf_has_no_text_layer() -> None:
    with pytest.raises(NoTextLayerError) as err:
        parse_pdf(Path("scan.pdf"), data=_pdf(text=""))
    assert err.value.kind == "no_text_layer"
