"""Small PDFs made with PyMuPDF for the tests (no files from ../shared are copied)."""

from __future__ import annotations

from pathlib import Path

import pymupdf

LOREM = (
    "Sixty patients with moderate acne vulgaris were randomized to a topical gel or to vehicle. "
    "The primary outcome was the change in inflammatory lesion count at week twelve. "
)


def text_pdf(title: str, pages: int = 2, paragraphs: int = 4, **save_options: object) -> bytes:
    """A text PDF whose first line is `title`; every page says which page it is."""
    pdf = pymupdf.open()
    for number in range(1, pages + 1):
        page = pdf.new_page()
        body = f"{title}\n\n" if number == 1 else ""
        body += f"Page {number} of {title}. " + LOREM * paragraphs
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 770), body, fontsize=10)
    return pdf.tobytes(**save_options)


def encrypted_pdf(title: str, user_password: str) -> bytes:
    """A text PDF encrypted with AES-256; an empty `user_password` opens without asking."""
    return text_pdf(
        title, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner-secret", user_pw=user_password
    )


def image_only_pdf() -> bytes:
    """A 'scanned' page: one picture, no text layer."""
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 260), False)
    pixmap.clear_with(200)
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_image(page.rect, stream=pixmap.tobytes("png"))
    return pdf.tobytes()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
