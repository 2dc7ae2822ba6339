"""
The XSS corpus and the one check every page that shows user content must pass.

``PAYLOADS`` is ``tests/data/xss_payloads.txt`` decoded. ``assert_no_xss(html)``
parses a page the way a browser does (html5lib follows the HTML standard's
parsing rules, entity decoding and foreign-content quirks included) and fails
on anything that would run script or load active content: a ``<script>`` that
is not one of our static files or a JSON-LD data block, any ``on*`` event
attribute, a javascript:/data:/vbscript: address in any URL attribute, a
``<style>`` element, CSS expressions or script URLs in style attributes,
frames, objects, embeds, ``<base>`` and refreshing ``<meta>``. Template syntax
must come out as text: the secret key and ``{% debug %}`` output never appear.

The importer and API tests reuse it: ``for payload in PAYLOADS: ...;
assert_no_xss(response.content.decode())``.
"""

import re
from pathlib import Path

import html5lib
from django.conf import settings

CORPUS = Path(__file__).resolve().parent / "data" / "xss_payloads.txt"

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[nrtfv\\])")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v", "\\": "\\"}


def _unescape(line):
    def replace(match):
        code = match.group(1)
        return _SIMPLE.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(replace, line)


def load_payloads():
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [_unescape(line) for line in lines if line.strip() and not line.startswith("# ") and line != "#"]


PAYLOADS = load_payloads()

URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "codebase",
    "cite", "longdesc", "usemap", "srcset", "lowsrc", "dynsrc", "ping", "manifest", "to", "from", "values",
}  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
ACTIVE_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "portal"}
# Browsers ignore these characters inside a URL scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\u007f-\u009f]")


def _known_script_paths():
    """Same-site scripts that are not static files: the admin's translation catalogue."""
    from django.urls import reverse

    return (reverse("admin:jsi18n"),)


def _local_name(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _is_dangerous_url(value):
    return _IGNORED_IN_SCHEME.sub("", value).lower().startswith(DANGEROUS_SCHEMES)


def find_xss(html, *, static_url=None):
    """Every problem found in ``html``, as human-readable strings (empty when safe)."""
    static_url = static_url or settings.STATIC_URL
    static_prefixes = (static_url, "/" + static_url.lstrip("/"))
    problems = []
    document = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    for element in document.iter():
        name = _local_name(element.tag)
        attributes = {_local_name(key) if "}" in str(key) else str(key).lower(): value
                      for key, value in element.attrib.items()}  # fmt: skip
        # xlink:href arrives namespaced; keep its familiar name.
        for key, value in element.attrib.items():
            if str(key).endswith("}href") and "xlink" in str(key):
                attributes["xlink:href"] = value
        described = f"<{name} {' '.join(f'{k}={v!r}' for k, v in attributes.items())}>"
        if name == "script":
            kind = (attributes.get("type") or "").strip().lower()
            src = attributes.get("src", "")
            if kind == "application/ld+json" and not src:
                pass
            elif src.startswith((*static_prefixes, *_known_script_paths())) and not (element.text or "").strip():
                pass
            else:
                problems.append(f"script element: {described} {element.text!r}")
        if name in ACTIVE_ELEMENTS:
            problems.append(f"active element: {described}")
        if name == "meta" and (attributes.get("http-equiv") or "").lower() in {"refresh", "set-cookie"}:
            problems.append(f"meta refresh: {described}")
        # SVG animation can write an event handler or a link at run time.
        if name in {"set", "animate", "animatetransform", "animatemotion"}:
            target = (attributes.get("attributename") or "").lower()
            if target.startswith("on") or target.endswith("href"):
                problems.append(f"SVG animation of {target}: {described}")
        for attribute, value in attributes.items():
            if attribute.startswith("on"):
                problems.append(f"event handler {attribute}: {described}")
            if attribute in URL_ATTRIBUTES and _is_dangerous_url(value):
                problems.append(f"script URL in {attribute}: {described}")
            if attribute == "srcdoc":
                problems.append(f"srcdoc: {described}")
            if attribute == "style" and re.search(r"expression|javascript:|behavior|url\s*\(|\\", value, re.I):
                problems.append(f"active style: {described}")
    if len(settings.SECRET_KEY) >= 20 and settings.SECRET_KEY in html:
        problems.append("the secret key appears in the page")
    if "{'csrf_token'" in html or "'DEBUG':" in html:
        problems.append("template debug output appears in the page")
    return problems


def assert_no_xss(html, *, where=""):
    problems = find_xss(html)
    assert not problems, f"{where}: " + "\n".join(problems)
