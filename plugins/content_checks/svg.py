"""An SVG drawing is published as it is, and a visitor may open it alone (its
own address): it must run no script and load nothing from elsewhere. What a
browser would run or fetch in an SVG document is refused, with its line:
script and foreignObject elements (HTML ones too), event attributes, links that
do not point inside the drawing (`#id`), `javascript:` anywhere, animations of
a link, `@import` and `url()` to anything but `#id` in styles and attributes
(`fill="url(…)"`), processing instructions (`<?xml-stylesheet?>`), and any
DOCTYPE; a root element that is not SVG (a browser would not draw it); and an
encoding a browser could read differently from expat (`Shift_JIS`). A style
is checked as a browser tokenizes it (a `/*` inside a string opens no
comment) and as written, so that a comment can hide nothing.

Parsed with the standard library's expat, event by event (pyexpat): it never
fetches anything, and the DOCTYPE is refused the moment it starts, before any
entity is declared, so none is ever expanded (billion laughs, external
entities). defusedxml is not installed; lxml builds a tree first and would
have to be told to leave entities and the network alone."""

import re
from xml.parsers import expat

from plugins.common.problems import Problem

SVG = "http://www.w3.org/2000/svg"
XHTML = "http://www.w3.org/1999/xhtml"
SCRIPT_ELEMENTS = {"script", "foreignobject", "handler", "listener"}
ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
URL_ATTRIBUTES = {"href", "src", "base"}  # xlink:href, html src, xml:base
# Ignored by browsers inside a URL scheme: `java\tscript:` is `javascript:`.
INVISIBLE = re.compile(r"[\x00-\x20]+")
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
# What a CSS tokenizer sees: a comment (dropped), a string (kept whole, its
# escapes too, up to its closing quote or its line's end), an escape, the rest.
CSS_TOKEN = re.compile(
    r"""(?P<comment>/\*.*?(?:\*/|\Z))"""
    r"""|"(?:[^"\\\n]|\\.)*+"?+|'(?:[^'\\\n]|\\.)*+'?+"""
    r"""|\\.|[^/"'\\]+|.""",
    re.DOTALL,
)
LARGEST_CODE_POINT = 0x10FFFF
# Possessive: `url( '#x')` must not match by giving back its quote.
CSS_URL = re.compile(r"url\(\s*+['\"]?+\s*+(?!#)")
SCRIPT_URL = re.compile(r"(java|vb)script:")
SHOWN = 60  # characters of a link shown in a message
# The encodings a drawing may declare: those expat reads as a browser does.
# Others are refused: expat reads no multi-byte one but UTF-8 and UTF-16, and
# a browser may read another (Shift_JIS, EBCDIC) differently from expat.
ENCODINGS = {"utf-8", "utf8", "utf-16", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1"}
ENCODINGS |= {"iso-8859-15", "windows-1252", "cp1252"}
# The XML declaration's encoding, NUL bytes removed (UTF-16 reads as ASCII then).
DECLARED_ENCODING = re.compile(
    rb"\A(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([^\"']*)"
)


class Doctype(Exception):
    """Stops the parser at the start of a DOCTYPE."""


def decode_escapes(css: str) -> str | None:
    """`u\\72l(` is `url(`, in lower case; None when an escape is past the
    last Unicode character (`\\110000`: no drawing program writes one)."""
    codes = [int(match[1], 16) for match in CSS_ESCAPE.finditer(css) if match[1]]
    if any(code > LARGEST_CODE_POINT for code in codes):
        return None
    return CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], css).lower()


def css_problem(css: str) -> tuple[str, str] | None:
    """(code, what) a style would run or fetch from elsewhere (escapes decoded:
    `u\\72l(` is `url(`)."""
    bare = "".join(m[0] for m in CSS_TOKEN.finditer(css) if not m["comment"])
    # As a browser reads it, and as written: a `url()` inside a comment is
    # refused too, so that no disagreement on where a comment ends can hide one.
    read, written = decode_escapes(bare), decode_escapes(css)
    if read is None or written is None:
        return "svg_unreadable", ""
    css = f"{read}\n{written}"
    if "@import" in css:
        return "svg_external", "@import dans un style"
    if "expression(" in css:  # script in old Internet Explorer's CSS
        return "svg_script", "expression() dans un style"
    if CSS_URL.search(css) or "image-set(" in css:
        return "svg_external", "url() vers un autre fichier"
    return None


def link_problem(value: str) -> tuple[str, str] | None:
    """A link that leaves the drawing: (message code, what it is)."""
    bare = INVISIBLE.sub("", value).lower()
    if not bare or bare.startswith("#"):  # this drawing itself
        return None
    if bare.startswith(("javascript:", "vbscript:")):
        return "svg_script", "adresse javascript:"
    if bare.startswith("data:"):
        return "svg_external", "adresse data:"
    shown = " ".join(value.split())  # one line in the message, whatever the value holds
    shown = shown if len(shown) <= SHOWN else shown[:SHOWN] + "…"
    return "svg_external", f"lien vers {shown}"


def attribute_problem(element: str, name: str, value: str) -> tuple[str, str] | None:
    """(code, what) for an attribute of `element` (local names, lower case)."""
    if name.startswith("on"):
        return "svg_script", f"attribut {name}"
    if name in URL_ATTRIBUTES:
        return link_problem(value)
    if SCRIPT_URL.search(INVISIBLE.sub("", value).lower()):
        return "svg_script", "adresse javascript:"
    if element in ANIMATIONS and name == "attributename":
        target = value.rpartition(":")[2].strip().lower()
        if target in URL_ATTRIBUTES or target.startswith("on"):
            return "svg_script", f"animation de l’attribut {target}"
    # style="…", and every presentation attribute that takes a url():
    # fill, stroke, filter, mask, clip-path, marker-start, an animation's values…
    return css_problem(value)


class Checker:
    """The handlers of one parse; `problems` once it has run."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.problems: list[Problem] = []
        # Open <style> elements (nested ones too: the outer one's text goes on
        # after the inner one ends), the first one's line, and all their text.
        self.styles: list[int] = []
        self.css: list[str] = []
        self.started = False  # once the root element is seen
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartDoctypeDeclHandler = self.doctype

    def add(self, code: str, what: str = "", line: int | None = None) -> None:
        found = (code, what)
        if found not in ((p.code, p.details.get("what", "")) for p in self.problems):
            line = line or self.parser.CurrentLineNumber
            self.problems.append(Problem(line, code, {"what": what} if what else {}))

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        namespace, _, name = tag.rpartition(" ")
        if not self.started and tag != f"{SVG} svg":
            self.add("svg_unreadable")  # a browser would not draw it (no SVG namespace)
        self.started = True
        name = name.lower()
        if name in SCRIPT_ELEMENTS:
            self.add("svg_script", f"élément <{tag.rpartition(' ')[2]}>")
        elif namespace == XHTML:
            self.add("svg_script", f"élément HTML <{name}>")
        for key, value in attributes.items():
            found = attribute_problem(name, key.rpartition(" ")[2].lower(), value)
            if found:
                self.add(*found)
        if name == "style":
            self.styles.append(self.parser.CurrentLineNumber)

    def text(self, data: str) -> None:
        if self.styles:
            self.css.append(data)

    def end(self, tag: str) -> None:
        if self.styles and tag.rpartition(" ")[2].lower() == "style":
            line = self.styles.pop()
            if not self.styles:  # the outermost one: all its text is in
                found = css_problem("".join(self.css))
                self.css = []
                if found:
                    self.add(*found, line=line)

    def instruction(self, target: str, _data: str) -> None:
        self.add("svg_external", f"instruction <?{target}?>")

    def doctype(self, *_args) -> None:
        raise Doctype


def encoding_problem(data: bytes) -> Problem | None:
    declared = DECLARED_ENCODING.match(data[:400].replace(b"\0", b""))
    if not declared or declared[1].decode("ascii", "replace").lower() in ENCODINGS:
        return None
    shown = re.sub(r"[^\w.:-]", "?", declared[1].decode("ascii", "replace"))[:40]
    return Problem(1, "svg_encoding", {"encoding": shown})


def svg_problems(data: bytes) -> list[Problem]:
    """What keeps this SVG drawing from being published, by line."""
    problem = encoding_problem(data)
    if problem:
        return [problem]
    checker = Checker()
    try:
        checker.parser.Parse(data, True)
    except Doctype:
        return [Problem(checker.parser.CurrentLineNumber, "svg_doctype")]
    except expat.ExpatError as error:
        return [Problem(error.lineno, "svg_unreadable")]
    except (ValueError, LookupError):
        # An encoding pyexpat cannot read, found before any element: any
        # other is a fault of this module's handlers, and stays one.
        if checker.started:
            raise
        return [Problem(1, "svg_unreadable")]
    return sorted(checker.problems, key=lambda problem: problem.line or 0)
