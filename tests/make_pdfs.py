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


ABSTRACT_PARTS = (
    ("Background", "Acne scars are common and hard to treat in adults of any age."),
    ("Methods", "Thirty patients received fractional laser with platelet-rich plasma on one side of the face."),
    ("Results", "The scar score fell from 7.1 to 3.2 on the treated side (p < 0.001)."),
    ("Conclusions", "Platelet-rich plasma improved acne scars when added to the laser."),
    ("Trial registration", "ClinicalTrials.gov NCT01234567 was registered before enrolment."),
)
BODY = "Acne vulgaris affects most adolescents and leaves scars in a third of them. " * 6
LABEL_STYLES = ("bold_run_in", "plain_run_in", "upper_run_in", "heading", "heading_colon", "upper_heading")


def structured_abstract_pdf(style: str, columns: int = 1) -> bytes:
    """A one-page paper whose structured abstract's labels are set in `style` (one of `LABEL_STYLES`):
    run in before the text (bold or plain, with a colon; upper case without one) or on a line of their own
    (bold, with or without a colon, upper case); one or two columns; an `Introduction` follows."""
    paragraphs: list[list[tuple[str, bool, float]]] = [[("Abstract", True, 11)]]
    for label, text in ABSTRACT_PARTS:
        upper = style.startswith("upper")
        shown = label.upper() if upper else label
        if style.endswith("run_in"):
            lead = shown if style == "upper_run_in" else f"{shown}:"
            paragraphs.append([(lead, style == "bold_run_in", 9.5), (text, False, 9.5)])
        else:
            paragraphs.append([(f"{shown}:" if style == "heading_colon" else shown, True, 9.5)])
            paragraphs.append([(text, False, 9.5)])
    paragraphs.append([("Introduction", True, 11)])
    paragraphs.append([(BODY, False, 9.5)])
    return paper_pdf("Platelet-rich plasma for acne scars: a split-face trial", paragraphs, columns)


def sectioned_pdf(title: str, sections: list[tuple[str, str]]) -> bytes:
    """A one-page paper: a bold title, then each section's bold heading and its plain paragraph."""
    paragraphs = []
    for heading, body in sections:
        paragraphs += [[(heading, True, 11)], [(body, False, 9.5)]]
    return paper_pdf(title, paragraphs)


def paper_pdf(title: str, paragraphs: list[list[tuple[str, bool, float]]], columns: int = 1) -> bytes:
    """One A4 page: `title` in bold, then paragraphs of (text, bold, size) runs, in one or two columns."""
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    page.insert_text((56, 70), title, fontname="hebo", fontsize=15)
    width = 483 if columns == 1 else 230
    frames = [(56, 110), (309, 110)] if columns == 2 else [(56, 110)]
    column, (x, y) = 0, frames[0]
    for runs in paragraphs:
        lines = _wrap(runs, width)
        if y + 13 * len(lines) > 800 and column + 1 < len(frames):
            column += 1
            x, y = frames[column]
        for line in lines:
            cursor = x
            for word, bold, size in line:
                font = "hebo" if bold else "helv"
                page.insert_text((cursor, y), word, fontname=font, fontsize=size)
                cursor += pymupdf.get_text_length(word + " ", fontname=font, fontsize=size)
            y += 13
        y += 9
    return pdf.tobytes()


def _wrap(runs: list[tuple[str, bool, float]], width: float) -> list[list[tuple[str, bool, float]]]:
    """The words of `runs` (text, bold, size) laid out in lines no wider than `width` points."""
    lines: list[list[tuple[str, bool, float]]] = [[]]
    used = 0.0
    for text, bold, size in runs:
        for word in text.split():
            length = pymupdf.get_text_length(word + " ", fontname="hebo" if bold else "helv", fontsize=size)
            if used + length > width and lines[-1]:
                lines.append([])
                used = 0.0
            lines[-1].append((word, bold, size))
            used += length
    return lines
