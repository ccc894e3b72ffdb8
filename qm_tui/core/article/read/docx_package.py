"""A Word file's package, opened with bounds: the zip, its content types, its parts as safe XML.

Only the parts the article needs are ever decompressed (the document, styles, comments,
footnotes, properties), each up to `MAX_PART` bytes however large its header says it is, so a
zip bomb or a 1.5 GB thumbnail costs nothing. XML is parsed without a DTD, entities or network
access, and a part that declares a DTD at all is refused: Word never writes one, and that is
where billion-laughs and external-entity attacks live.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import TYPE_CHECKING

from ...errors import ArticleError

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["MAX_MEMBERS", "MAX_PART", "DocxPackage", "refuse_other_formats"]

MAX_PART = 32 << 20  # a real article's document.xml is tens of kilobytes
MAX_MEMBERS = 5000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOC = "/officeDocument"
_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "",
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a macro-enabled Word document (.docm); save it as a Word document (.docx)"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx), not a document; save it as a Word document (.docx)"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a Word template (.dotm), not a document; save it as a Word document (.docx)"
    ),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
    b"application/vnd.oasis.opendocument.text-template": "an OpenDocument template (.ott)",
}


def refuse_other_formats(data: bytes) -> None:
    """ArticleError saying what to do for files interviewees send that are not .docx or text."""
    if data.startswith(b"%PDF-"):
        raise ArticleError(
            "a PDF cannot be read back: send or save the reviewed article as a Word document "
            "(.docx), or copy its text into a .txt file",
            code="pdf",
        )
    if data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype":
        try:  # stored uncompressed as the first member (ODF requires it), but read it properly
            with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("mimetype") as member:
                mimetype = member.read(200).strip()
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
            mimetype = b""
        kind = _ODF.get(mimetype, "an OpenDocument file")
        raise ArticleError(
            f"{kind} cannot be read back (its tracked changes would be lost): open it in "
            "LibreOffice or Word and save it as a Word document (.docx)",
            code="odt",
        )


def _safe_parser() -> object:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY")


def _declares_dtd(data: bytes) -> bool:
    """True when the XML's prolog (before its root element) declares a DTD, in UTF-8 or -16."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        head = data[: 1 << 16]
        if encoding != "utf-8":
            if b"\0" not in head[:8]:
                continue
            head = head.decode(encoding, "replace").encode("utf-8", "replace")
        root = re.search(rb"<[A-Za-z_]", head)
        if _DTD.search(head, 0, root.start() if root else len(head)):
            return True
    return False


class DocxPackage:
    """The parts of a .docx, read on demand within bounds; ArticleError for anything else."""

    def __init__(self, data: bytes) -> None:
        refuse_other_formats(data)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ArticleError(f"not a readable Word document (a damaged zip: {exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise ArticleError(f"not a Word document: its zip holds {len(infos):,} files")
        self._names = {info.filename: info for info in infos}
        types = self.xml("[Content_Types].xml", required=True)
        assert types is not None
        self.main = self._main_part()
        overrides = {
            el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
            for el in types.iter(f"{{{_CT}}}Override")
        }
        content_type = overrides.get(self.main, "")
        problem = _MAIN_TYPES.get(content_type)
        if problem is None and content_type:
            raise ArticleError(f"not a Word document (its main part is {content_type})")
        if problem:
            raise ArticleError(problem, code="docx_kind")
        self._rels = self._relationships(self.main)

    def _main_part(self) -> str:
        rels = self.xml("_rels/.rels", required=True)
        assert rels is not None
        self._core = ""
        main = ""
        for rel in rels.iter(f"{{{_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind, target = rel.get("Type", ""), rel.get("Target", "").lstrip("/")
            if kind.endswith(_OFFICE_DOC) and not main:
                main = target
            elif kind.endswith("/core-properties"):
                self._core = target
        if not main:
            raise ArticleError("not a Word document: the package names no main document")
        return main

    def core_properties(self) -> dict[str, str]:
        """The document properties (`title`, `creator`, `category`, `identifier`, …) as text."""
        root = self.xml(self._core) if self._core else None
        out: dict[str, str] = {}
        for el in root if root is not None else ():
            if isinstance(el.tag, str) and el.text and el.text.strip():
                out.setdefault(el.tag.rpartition("}")[2], el.text.strip())
        return out

    def _relationships(self, part: str) -> dict[str, str]:
        """Relationship type (its last path segment) -> the part it points at, inside the zip."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out: dict[str, str] = {}
        for rel in rels.iter(f"{{{_REL}}}Relationship") if rels is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            out.setdefault(kind, target.lstrip("/"))
        return out

    def related(self, kind: str) -> _Element | None:
        """The main document's related part of `kind` (`styles`, `comments`, …), if any."""
        name = self._rels.get(kind)
        return self.xml(name, required=True) if name is not None else None

    def read(self, name: str, required: bool = False) -> bytes | None:
        """A part's bytes (at most MAX_PART); None when absent and not `required`."""
        info = self._names.get(name)
        if info is None:
            if required:
                raise ArticleError(f"not a Word document: the part {name!r} is missing")
            return None
        if info.file_size > MAX_PART:
            raise ArticleError(
                f"the part {name!r} unpacks to {info.file_size:,} bytes; "
                f"more than an article can hold ({MAX_PART:,})"
            )
        try:
            with self._zip.open(info) as member:
                data = member.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise ArticleError(f"cannot unpack the part {name!r} ({exc})") from None
        if len(data) > MAX_PART:  # the zip's header lied about the size
            raise ArticleError(f"the part {name!r} unpacks to more than {MAX_PART:,} bytes")
        return data

    def xml(self, name: str, required: bool = False) -> _Element | None:
        """A part parsed as XML without DTDs or entities; ArticleError if it is not safe XML."""
        from lxml import etree

        data = self.read(name, required)
        if data is None:
            return None
        if _declares_dtd(data):
            raise ArticleError(
                f"the part {name!r} declares a DTD (entities), which no Word file has; not read"
            )
        try:
            root = etree.fromstring(data, parser=_safe_parser())
        except etree.XMLSyntaxError as exc:
            if "depth" in str(exc.msg).lower():
                raise ArticleError(f"the part {name!r} is nested too deeply to read") from None
            raise ArticleError(f"the part {name!r} is not valid XML ({exc.msg})") from None
        except (ValueError, RecursionError, MemoryError):
            raise ArticleError(f"the part {name!r} cannot be read as XML") from None
        tree = root.getroottree()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
            raise ArticleError(
                f"the part {name!r} declares a DTD (entities), which no Word file has; not read"
            )
        return root

    def main_document(self) -> _Element:
        root = self.xml(self.main, required=True)
        assert root is not None
        return root
