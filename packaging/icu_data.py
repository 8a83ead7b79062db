"""Trim the ICU data library that PySide6 ships (``libicudata.so.73``: 32 MB) to what Qt uses.

Qt Core is the only part of the bundle that calls ICU (``nm -D --undefined-only`` on every
library: no other one names an ICU function), and it calls only four services: case mapping
(``u_strToUpper``/``u_strToLower``), converters (``ucnv_*``, for named text encodings),
collation (``ucol_*``, QCollator, e.g. the file dialog's sort order) and calendars for time
zone names (``ucal_*``). It never calls a break iterator, a transliterator, a number or date
formatter. So the data package keeps every converter, every collation, the Unicode property,
normalization and time-zone tables, and the locale data of the app's two languages (English and
French, with their regional variants) and of ``root``; it drops the dictionaries of the break
iterators (Chinese/Japanese, Thai, Khmer, Lao, Burmese), the transliteration rules, and the
locale data (names of languages, regions, currencies, units, time zones...) of every other
language: ICU falls back to ``root`` for those, as it does for any locale it lacks.

The library is rebuilt with the GNU assembler and linker (binutils, which the build needs
anyway for ``strip`` and ``readelf``): the trimmed package is included under the same symbol
(``icudt73_dat``) in a library of the same soname. Without those tools the library is kept whole.

The ICU common-data package format ("CmnD") is a header, a table of contents (a count, then one
pair of offsets per item: name and data, both from the start of the table, names sorted so ICU
can search them) and the items, each aligned on 16 bytes.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import elf_tools

# The app's languages: their locale data stays (with every regional variant: fr_CA, en_GB...).
KEEP_LANGUAGES: frozenset[str] = frozenset({"en", "fr"})
# A locale id as ICU names its resource files: language, then script/region/variant parts.
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*$")
# Resource names of that shape that are not locales: each tree's index of its locales.
_NOT_LOCALES: frozenset[str] = frozenset({"res_index"})
_ALIGN = 16


def keep_item(name: str) -> bool:
    """True for a data item Qt may need (``name`` like ``icudt73l/coll/fr.res``)."""
    parts = name.split("/")
    rel = parts[1:] if len(parts) > 1 else parts
    tree = rel[0] if len(rel) > 1 else ""
    file = rel[-1]
    stem, _, ext = file.rpartition(".")
    if tree == "coll":  # collation of every language: the file dialog sorts in the user's
        return True
    if tree == "translit":  # Qt never opens a transliterator
        return False
    if ext == "dict":  # word dictionaries of the break iterators; Qt never opens one
        return False
    match = _LOCALE.match(stem)
    if ext == "res" and match and stem not in _NOT_LOCALES:
        return match.group(1) in KEEP_LANGUAGES
    return True  # converters, Unicode tables, supplemental data, pools, root


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common-data package into its header and its (name, data) items, in order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if len(blob) < 32 or blob[2:4] != b"\xda\x27":
        raise ValueError("not an ICU data package")
    (count,) = struct.unpack_from("<I", blob, header_size)
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[header_size + data_offset : end]))
    return blob[:header_size], items


def _pad(length: int) -> int:
    return -length % _ALIGN


def write_package(header: bytes, items: Iterable[tuple[str, bytes]]) -> bytes:
    """An ICU common-data package holding ``items`` (kept in the given, sorted, order)."""
    items = list(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    table_size = 4 + 8 * len(items)
    data_start = table_size + len(names)
    data_start += _pad(len(header) + data_start)
    table = [struct.pack("<I", len(items))]
    body = []
    name_offset, data_offset = table_size, data_start
    for name, data in items:
        table.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        # Each item keeps its original length plus padding to the next 16-byte boundary
        # (items in ICU's own packages carry that padding already).
        body.append(data + b"\0" * _pad(len(data)))
        data_offset += len(body[-1])
    gap = b"\xaa" * (data_start - table_size - len(names))  # ICU's own filler byte
    return header + b"".join(table) + names + gap + b"".join(body)


def trim_package(blob: bytes, keep: Callable[[str], bool] = keep_item) -> bytes:
    """The package with only the items ``keep`` accepts."""
    header, items = read_package(blob)
    return write_package(header, [(name, data) for name, data in items if keep(name)])


def _readelf(args: list[str], path: Path) -> str:
    return subprocess.run(["readelf", *args, str(path)], capture_output=True, text=True, check=True).stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol (``icudtNN_dat``), its file offset and its size in an ICU data library."""
    symbols = _readelf(["--dyn-syms", "-W"], library)
    match = re.search(
        r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+(icudt\d+_dat)\b", symbols
    )
    if not match:
        raise ValueError(f"{library.name}: no icudtNN_dat symbol")
    address, size, section, name = int(match[1], 16), int(match[2], 0), int(match[3]), match[4]
    sections = _readelf(["-SW"], library)
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not row:
        raise ValueError(f"{library.name}: section {section} not found")
    return name, address - int(row[1], 16) + int(row[2], 16), size


def soname(library: Path) -> str:
    """The library's ``SONAME``."""
    name = elf_tools.soname(library)
    if name is None:
        raise ValueError(f"{library.name}: no SONAME")
    return name


def build_library(package: bytes, symbol: str, so_name: str, out: Path) -> None:
    """Write a shared library exporting ``package`` as the read-only object ``symbol``."""
    assembly = "\n".join(
        [
            '.section .rodata,"a"',
            f".globl {symbol}",
            f".type {symbol}, @object",
            f".balign {_ALIGN}",
            f"{symbol}:",
            '.incbin "data.bin"',
            f".size {symbol}, . - {symbol}",
        ]
    )
    elf_tools.link_library(assembly, so_name, out, {"data.bin": package})


def trim_library(library: Path, keep: Callable[[str], bool] = keep_item) -> int:
    """Replace ``library`` in place by one holding only the items ``keep`` accepts; bytes saved.

    Returns 0 (library untouched) when binutils are missing or the library is not one ICU data
    library as expected."""
    if not all(shutil.which(tool) for tool in ("readelf", "as", "ld")):
        return 0
    try:
        symbol, offset, size = data_symbol(library)
        so_name = soname(library)
    except (ValueError, subprocess.CalledProcessError):
        return 0
    blob = library.read_bytes()
    package = trim_package(blob[offset : offset + size], keep)
    before = len(blob)
    trimmed = library.with_name(library.name + ".trimmed")
    build_library(package, symbol, so_name, trimmed)
    trimmed.chmod(library.stat().st_mode)
    trimmed.replace(library)
    return before - library.stat().st_size
