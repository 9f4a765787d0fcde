"""HTML and PDF from a gathered Pack. The preview page and the PDF use the same templates.

WeasyPrint fetches nothing but files under the project's static/ folder (LocalStaticFetcher): a remote
URL, a file elsewhere on the machine or a data: URL is refused, so a pack renders offline and a
value someone typed can never make the server fetch anything. Fonts are the machine's own (fontconfig).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

STYLESHEET = "css/pack.css"


class RefusedURL(ValueError):
    pass


def static_roots() -> list[Path]:
    """Where the fetcher may read: the project's static/ folder (and collectstatic's output)."""
    return [Path(settings.BASE_DIR, "static").resolve(), Path(settings.STATIC_ROOT).resolve()]


def _weasyprint():
    import weasyprint  # imported on use: it loads Pango, which the web pages never need

    return weasyprint


def local_static_fetcher():
    """A WeasyPrint URL fetcher that serves only file: URLs inside static_roots()."""
    weasyprint = _weasyprint()

    class LocalStaticFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            path = local_static_path(url)
            return weasyprint.urls.URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                                      headers={"Content-Type": _content_type(path)})

    return LocalStaticFetcher()


def local_static_path(url: str) -> Path:
    """The file `url` names, if it is a file: URL inside the static folders; RefusedURL otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"The pack only loads local static files; refused {url[:200]!r}.")
    path = Path(unquote(parts.path)).resolve()
    if not any(path.is_relative_to(root) for root in static_roots()) or not path.is_file():
        raise RefusedURL(f"The pack only loads files under static/; refused {url[:200]!r}.")
    return path


def _content_type(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml",
            ".jpg": "image/jpeg"}.get(path.suffix.lower(), "application/octet-stream")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, every character but letters, digits and spaces escaped."""
    escaped = "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"\\{ord(ch):x} " for ch in str(text))
    return f'"{escaped}"'


def sections_html(sections) -> str:
    return render_to_string("inspections/pack/_sections.html", {"sections": sections})


def content_hash(html: str) -> str:
    """What the cover prints: SHA-256 of the sections' HTML, UTF-8."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


@dataclass
class RenderedPack:
    html: str
    content_hash: str


def pack_document(pack) -> RenderedPack:
    """The whole document for the PDF: cover, contents, sections. `pack.meta` gets the content hash."""
    body = sections_html(pack.sections)
    pack.meta["content_hash"] = content_hash(body)
    version = f"Inspection pack v{pack.meta['version']}" if pack.meta.get("version") else "Inspection pack preview"
    stylesheet = finders.find(STYLESHEET)
    html = render_to_string("inspections/pack/document.html", {
        "meta": pack.meta, "sections": pack.sections, "sections_html": mark_safe(body),  # noqa: S308 rendered above
        "stylesheet_url": Path(stylesheet).resolve().as_uri(),
        "header": {"agency": mark_safe(css_string(pack.meta["agency_name"])),  # noqa: S308 every char escaped
                   "version": mark_safe(css_string(version))},  # noqa: S308
    })
    return RenderedPack(html=html, content_hash=pack.meta["content_hash"])


@dataclass
class RenderedPDF:
    pdf: bytes
    page_count: int


def pdf_render(html: str) -> RenderedPDF:
    """The PDF and its page count, fetching only local static files."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=Path(settings.BASE_DIR, "static").resolve().as_uri() + "/",
                               url_fetcher=local_static_fetcher()).render()
    return RenderedPDF(pdf=document.write_pdf(), page_count=len(document.pages))
