"""Read spinthermo's plain-text docstrings as reStructuredText without changing their meaning.

The package's docstrings are written to be read in a terminal: ``|ψ⟩``, ``|x − y|`` and
``D[L_k]`` appear in prose, numpy "Parameters" entries often read ``name : description`` (no
type), and a few parameter lists end in a free paragraph. reStructuredText takes ``|...|`` for
a substitution and napoleon takes the text after `` : `` for a type, so the raw docstrings give
hundreds of warnings (errors under ``-W``). Two ``autodoc-process-docstring`` handlers fix that
in the rendered copy only, never in the source:

* before napoleon (:func:`normalise_numpy_sections`): a ``name : text`` entry whose text is
  prose (see :func:`_is_prose`) becomes ``name`` with ``text`` as its description; a free
  paragraph after the last entry of a Parameters section gets a ``Notes`` heading; the
  docstring of an attribute whose first line has a colon (which napoleon would split there into
  type and description) bypasses napoleon.
* before napoleon, too: a simple table whose first column is wider than its ``===`` border
  (``130`` under ``==``) gets the border widened into the gap before the next column.
* after napoleon (:func:`escape_bars`): ``|`` in prose becomes ``\\|``; literal blocks, directive
  bodies (maths), doctests, inline literals and roles are left as written.
"""

from __future__ import annotations

import re

#: numpy-docstring sections whose entries read ``name : type``.
FIELD_SECTIONS = {"parameters", "other parameters", "attributes", "returns", "yields",
                  "receives", "raises", "warns", "keyword arguments", "methods"}
#: Words that end a line only in the middle of a sentence, never at the end of a type.
CONTINUING_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "is", "of", "on",
                    "or", "the", "to", "with"}
#: A type names at most this many words outside literals and parentheses
#: ("float, str, bool or None"); more is a sentence.
MAX_TYPE_WORDS = 5

_TABLE_BORDER = re.compile(r"^(=+)( +)=+( +=+)*\s*$")
_ENTRY = re.compile(r"^(?P<name>[\w*\\][\w, *\\]*?) : (?P<text>.+)$")
_BARE_NAME = re.compile(r"^[\w*\\][\w, *\\]*$")
_PROTECTED = re.compile(r"``.+?``|:[\w:+-]+:`[^`]*`|`[^`]+`_{0,2}|\$[^$]+\$")
_LITERALS = re.compile(r"``.+?``|:[\w:+-]+:`[^`]*`|`[^`]+`")


def _is_prose(text: str) -> bool:
    """Whether the text after ``name :`` is a description rather than a type."""
    stripped = _LITERALS.sub("X", text).strip()
    if stripped.endswith((".", ";", ",", ":")) or ": " in stripped:
        return True
    if stripped.count("(") != stripped.count(")") or stripped.count("[") != stripped.count("]"):
        return True
    words = re.sub(r"\([^()]*\)|\{[^{}]*\}|\[[^\[\]]*\]", " ", stripped).split()
    return len(words) > MAX_TYPE_WORDS or (bool(words) and words[-1] in CONTINUING_WORDS)


def _section_headers(lines: list[str]) -> dict[int, str]:
    """Line index -> lower-case title of each numpy section header (title + dashes)."""
    headers = {}
    for i in range(len(lines) - 1):
        title, rule = lines[i].strip(), lines[i + 1].strip()
        if title and rule and set(rule) == {"-"} and len(rule) >= len(title) \
                and lines[i] == lines[i].lstrip():
            headers[i] = title.lower()
    return headers


def _widened_tables(lines: list[str]) -> list[str]:
    """Widen the first column border of simple tables to the widest entry that fits."""
    borders = [i for i, line in enumerate(lines) if _TABLE_BORDER.match(line)]
    if len(borders) < 2:
        return lines
    first = _TABLE_BORDER.match(lines[borders[0]])
    width, gap = len(first.group(1)), len(first.group(2))
    rows = lines[borders[0] + 1:borders[-1]]
    needed = max((len(row.split()[0]) for row in rows if row and row[0] != " "), default=0)
    if width < needed < width + gap:
        lines = list(lines)
        for i in borders:
            lines[i] = "=" * needed + lines[i][needed:]
    return lines


#: Attribute docstrings held back from napoleon, by object name.
_BYPASSED: dict[str, list[str]] = {}
_PLACEHOLDER = "spinthermo-docs-bypassed-napoleon"


def _normalised(lines: list[str], what: str) -> list[str]:
    lines = _widened_tables(lines)
    headers = _section_headers(lines)
    out: list[str] = []
    section = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in headers:
            section = headers[i]
            out += [line, lines[i + 1]]
            i += 2
            continue
        if section in FIELD_SECTIONS and line and line == line.lstrip():
            entry = _ENTRY.match(line)
            if entry and _is_prose(entry.group("text")):
                out += [entry.group("name"), "    " + entry.group("text")]
                i += 1
                continue
            if not entry and not _BARE_NAME.match(line) and (not out or not out[-1].strip()):
                out += ["Notes", "-----"]
                section = "notes"
        out.append(line)
        i += 1
    return out


def _escape_prose(line: str) -> str:
    pieces, last = [], 0
    for match in _PROTECTED.finditer(line):
        pieces.append(line[last:match.start()].replace("|", "\\|"))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(line[last:].replace("|", "\\|"))
    return "".join(pieces)


def _escaped(lines: list[str]) -> list[str]:
    out = []
    block_indent = None  # indentation of the line that opened a literal or directive block
    in_doctest = False
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                out.append(line)
                continue
            block_indent = None
        if in_doctest and not line.strip():
            in_doctest = False
        if line.lstrip().startswith(">>>"):
            in_doctest = True
        if in_doctest:
            out.append(line)
            continue
        out.append(line if line.lstrip().startswith(".. ") else _escape_prose(line))
        if line.rstrip().endswith("::"):
            block_indent = indent
    return out


def normalise_numpy_sections(app, what, name, obj, options, lines) -> None:
    """``autodoc-process-docstring`` handler run before napoleon; edits ``lines`` in place."""
    if what in ("attribute", "data", "property") and lines and ":" in lines[0]:
        _BYPASSED[name] = _widened_tables(list(lines))
        lines[:] = [_PLACEHOLDER]
        return
    lines[:] = _normalised(list(lines), what)


def escape_bars(app, what, name, obj, options, lines) -> None:
    """``autodoc-process-docstring`` handler run after napoleon; edits ``lines`` in place."""
    if _PLACEHOLDER in lines:
        lines[:] = _BYPASSED.pop(name)
    lines[:] = _escaped(list(lines))


def setup(app):
    app.connect("autodoc-process-docstring", normalise_numpy_sections, priority=400)
    app.connect("autodoc-process-docstring", escape_bars, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
