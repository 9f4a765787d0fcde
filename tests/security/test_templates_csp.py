"""Every page template satisfies the Content Security Policy as written: no inline <script>, no on*= handler
attributes, no style= attributes and no <style> elements (the policy has no 'unsafe-inline', so a browser would
ignore them). Behaviour goes in static/js/, looks in static/css/site.css.

Left out: emails (never served as pages) and templates only WeasyPrint renders to PDF (PDF_ONLY)."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PDF_ONLY = {"inspections/pack/document.html"}  # the pack's PDF shell: its <style> sets the running page header

INLINE = {
    "an inline <script> (give it a src= under static/js/)": re.compile(
        r"<script\b(?![^>]*\bsrc\s*=)[^>]*>", re.IGNORECASE),
    "an on*= event handler (use addEventListener in static/js/)": re.compile(
        r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a style= attribute (use a class from static/css/site.css)": re.compile(
        r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "a <style> element (move the rules to static/css/site.css)": re.compile(r"<style\b", re.IGNORECASE),
    "a javascript: URL": re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def page_templates() -> list[str]:
    names = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if "email" in path.relative_to(TEMPLATES).parts or name in PDF_ONLY:
            continue
        names.append(name)
    return names


def test_the_scan_sees_the_templates():
    names = page_templates()

    assert "base.html" in names and "inspections/pack/_table.html" in names  # the pack preview shows its tables
    assert not any("/email/" in name for name in names)


@pytest.mark.parametrize("name", page_templates())
def test_template_has_nothing_inline(name):
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    # Template comments ({# #} is one line only) may mention what not to do; blank them, keeping line numbers.
    text = re.sub(r"\{#[^\n]*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
                  lambda match: "\n" * match.group(0).count("\n"), text, flags=re.DOTALL)

    found = [f"line {text.count(chr(10), 0, match.start()) + 1}: {problem}: {match.group(0)[:80]!r}"
             for problem, pattern in INLINE.items() for match in pattern.finditer(text)]

    assert not found, f"templates/{name} breaks the Content Security Policy:\n" + "\n".join(found)


@pytest.mark.parametrize(("snippet", "caught"), [
    ('<script>alert(1)</script>', True),
    ('<script src="/static/js/site.js"></script>', False),
    ('<script id="x" data-a="1"\n  src="/static/js/a.js"></script>', False),
    ('<button type="button" onclick="window.print()">', True),
    ('<div class="p-3"\n     style="width: 3%">', True),
    ('<button data-print type="button">', False),
    ('<p>on the day, style guides say</p>', False),
    ('<style>p { color: red }</style>', True),
    ('<a href="javascript:void(0)">', True),
])
def test_the_patterns_catch_what_they_should(snippet, caught):
    assert any(pattern.search(snippet) for pattern in INLINE.values()) is caught
