"""Strip the symbol tables and debug information of the bundle's shared libraries (Linux).

The wheels ship many libraries with their ``.symtab`` (and CPython's ``lib-dynload`` modules with
full DWARF debug information): about 25 MB the app never reads (a crash report of a bundle is
symbolised from the wheels, not from the user's copy). PyInstaller's own ``strip=True`` strips
every file blindly, which breaks the libraries that auditwheel rewrote with patchelf: the
OpenBLAS of numpy and SciPy come out with load segments that are no longer page-aligned
("ELF load command address/offset not page-aligned" at import). So each library is stripped into
a copy, and the copy replaces it only when every loadable segment is still aligned (file offset
and address equal modulo the alignment, as the loader requires); otherwise the original stays.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
PT_LOAD = 1
# Sections that only debuggers and symbolisers read.
DEBUG_SECTIONS = (".symtab", ".strtab")


def _header(blob: bytes) -> tuple[str, dict[str, int]] | None:
    """The byte order and the ELF header fields needed here (64-bit and 32-bit ELF)."""
    if blob[:4] != ELF_MAGIC or blob[4] not in (1, 2) or blob[5] not in (1, 2):
        return None
    order = "<" if blob[5] == 1 else ">"
    if blob[4] == 2:  # ELF64
        fields = struct.unpack_from(order + "QQQIHHHHHH", blob, 24)
    else:
        fields = struct.unpack_from(order + "IIIIHHHHHH", blob, 24)
    _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum, shstrndx = fields
    return order, {
        "bits": 64 if blob[4] == 2 else 32,
        "phoff": phoff,
        "phentsize": phentsize,
        "phnum": phnum,
        "shoff": shoff,
        "shentsize": shentsize,
        "shnum": shnum,
        "shstrndx": shstrndx,
    }


def section_names(path: Path) -> list[str]:
    """The names of an ELF file's sections (empty when it is not an ELF file)."""
    blob = path.read_bytes()
    parsed = _header(blob)
    if parsed is None:
        return []
    order, h = parsed
    if not h["shnum"] or h["shstrndx"] >= h["shnum"]:
        return []

    def section(i: int) -> tuple[int, int, int]:
        base = h["shoff"] + i * h["shentsize"]
        if h["bits"] == 64:
            name, _, _, _, offset, size = struct.unpack_from(order + "IIQQQQ", blob, base)
        else:
            name, _, _, _, offset, size = struct.unpack_from(order + "IIIIII", blob, base)
        return name, offset, size

    _, strings_at, _ = section(h["shstrndx"])
    names = []
    for i in range(h["shnum"]):
        start = strings_at + section(i)[0]
        names.append(blob[start : blob.index(b"\0", start)].decode("ascii", "replace"))
    return names


def segments_aligned(path: Path) -> bool:
    """True when every loadable segment's file offset and address agree modulo its alignment."""
    blob = path.read_bytes()
    parsed = _header(blob)
    if parsed is None:
        return False
    order, h = parsed
    for i in range(h["phnum"]):
        base = h["phoff"] + i * h["phentsize"]
        if h["bits"] == 64:
            kind, _, offset, vaddr, _, _, _, align = struct.unpack_from(order + "IIQQQQQQ", blob, base)
        else:
            kind, offset, vaddr, _, _, _, _, align = struct.unpack_from(order + "IIIIIIII", blob, base)
        if kind == PT_LOAD and align > 1 and offset % align != vaddr % align:
            return False
    return True


def needs_strip(path: Path) -> bool:
    """True for an ELF file that still carries a symbol table or debug information."""
    return any(name in DEBUG_SECTIONS or name.startswith(".debug_") for name in section_names(path))


def strip_library(path: Path, strip_tool: str = "strip") -> int:
    """Strip ``path`` in place when the result stays loadable; return the bytes saved (0 if kept)."""
    trial = path.with_name(path.name + ".stripping")
    shutil.copy2(path, trial)
    try:
        subprocess.run([strip_tool, "--strip-unneeded", str(trial)], check=True, capture_output=True)
        if not segments_aligned(trial) or needs_strip(trial):
            return 0
        saved = path.stat().st_size - trial.stat().st_size
        trial.replace(path)
        return saved
    except subprocess.CalledProcessError:
        return 0
    finally:
        trial.unlink(missing_ok=True)


def strip_bundle(internal: Path, strip_tool: str = "strip") -> tuple[int, list[str]]:
    """Strip every shared library under ``internal`` that needs it; (bytes saved, libraries kept).

    Only ``.so`` files (extension modules, libraries, Qt plugins): the executable carries the
    Python archive appended to it, which ``strip`` would cut off."""
    if shutil.which(strip_tool) is None:
        return 0, []
    saved, kept = 0, []
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or not needs_strip(path):
            continue
        gained = strip_library(path, strip_tool)
        saved += gained
        if not gained:
            kept.append(str(path.relative_to(internal)))
    return saved, kept
