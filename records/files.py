"""Private uploads: check what a file really is, store it under a generated name, serve it only by view.

There is no MEDIA_URL route. A file is reached only through a view that has already checked the
user may see the record it belongs to, and that view returns `private_file_response(...)`.

Typical use in a service:

    kind = validate_upload(upload)                 # size first, then the content's first bytes
    paper.original_filename = upload.name          # kept as data, shown and used on download
    paper.file.save(kind.storage_name(), upload, save=False)   # upload_to=PrivateUploadPath(...)
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class UploadKind:
    label: str
    extension: str
    content_type: str

    def storage_name(self) -> str:
        """A throwaway name carrying only the trusted extension; upload_to makes the real one."""
        return f"upload{self.extension}"


PDF = UploadKind("PDF", ".pdf", "application/pdf")
JPEG = UploadKind("JPEG image", ".jpg", "image/jpeg")
PNG = UploadKind("PNG image", ".png", "image/png")
DOCX = UploadKind("Word document", ".docx",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
HEIC = UploadKind("HEIC photo", ".heic", "image/heic")  # what phones take photos as
ALLOWED = (PDF, JPEG, PNG, HEIC, DOCX)
ALLOWED_TEXT = "a PDF, a JPEG, PNG or HEIC image, or a Word (.docx) document"
# ISO base media files whose major brand is one of these hold a HEIF/HEIC still image (not a video).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"heif"}
# Browsers show these inline (in an <img> or <iframe>); anything else is only downloaded.
INLINE_TYPES = {PDF.content_type, JPEG.content_type, PNG.content_type}


def upload_max_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)


def describe_size(size: int) -> str:
    """'20 MB', '2.5 MB', '300 KB': how people read file sizes."""
    if size >= 1024 * 1024:
        megabytes = size / (1024 * 1024)
        return f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def validate_upload(file) -> UploadKind:
    """The file's type judged by its content, not its name; ValidationError if too big or not allowed."""
    limit = upload_max_bytes()
    if file.size is None or file.size == 0:
        raise ValidationError("The file is empty. Choose the document again.")
    if file.size > limit:
        raise ValidationError(
            f"The file is {describe_size(file.size)}; the largest file you can upload is {describe_size(limit)}.")
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    if head.startswith(b"PK\x03\x04") and _is_word_document(file):
        return DOCX
    raise ValidationError(
        f"This file is not {ALLOWED_TEXT}. Files are checked by what they contain, not by their name, "
        "so renaming a file does not change its type.")


def validate_upload_name(name: str) -> str:
    """The name a file was uploaded with, refused if it carries a folder path or control characters.

    Django's upload handling already drops folders from names; this is the second lock on the door,
    for names that reach a service some other way. The name is only ever kept as data.
    """
    name = str(name or "")
    if any(part in name for part in ("/", "\\")) or (len(name) > 1 and name[1] == ":") \
            or not name.strip(" .") or not name.isprintable():
        raise ValidationError("The file's name contains a folder path or characters that are not allowed. "
                              "Rename the file (for example dbs-certificate.pdf) and upload it again.")
    return name[:255]


def _is_word_document(file) -> bool:
    """A .docx is a zip with a word/ folder. Reads only the zip's directory, never decompresses."""
    try:
        with zipfile.ZipFile(file) as archive:
            return any(name.startswith("word/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


@deconstructible(path="records.files.PrivateUploadPath")
class PrivateUploadPath:
    """upload_to for private files: private/<folder>/<yyyy>/<mm>/<random>.<ext>; the user's name is never used.

    Only an allowed extension survives from the name it is given (see UploadKind.storage_name()).
    """

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()
        extension = suffix if suffix in {kind.extension for kind in ALLOWED} else ""
        today = timezone.localdate()
        return f"private/{self.folder}/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadPath) and other.folder == self.folder


def safe_download_name(name: str, *, fallback: str) -> str:
    """A name safe to offer in Content-Disposition: no folders, no control characters, not too long.

    Django's content_disposition_header() does the quoting (and RFC 5987 for non-ASCII names).
    """
    base = PurePosixPath(str(name or "").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"').strip(" .")[:150]
    return cleaned or fallback


def content_type_of(field_file) -> str:
    """The content type of a stored private file, from the trusted extension it was stored under."""
    suffix = PurePosixPath(field_file.name).suffix.lower()
    return next((kind.content_type for kind in ALLOWED if kind.extension == suffix), "application/octet-stream")


def private_file_response(field_file, *, download_name: str, inline: bool = False) -> FileResponse:
    """Stream a stored file as a download (or, with `inline`, for the browser to show if it can, which only
    PDFs and JPEG/PNG images are). Call only after the permission check."""
    if not field_file:
        raise Http404("No file has been uploaded.")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing from storage.") from None
    suffix = PurePosixPath(field_file.name).suffix.lower()
    content_type = content_type_of(field_file)
    inline = inline and content_type in INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, content_type=content_type,
                            filename=safe_download_name(download_name, fallback=f"document{suffix}"))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if inline and content_type.startswith("image/"):  # (a sandbox would stop Chromium's PDF viewer)
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
