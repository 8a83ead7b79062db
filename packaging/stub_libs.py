"""Replace a library that is linked but never called by an empty one of the same soname (Linux).

pyarrow's ``lib`` module and ``libarrow_python`` list ``libarrow_substrait.so`` (4.5 MB, Substrait
query plans) among their ``NEEDED`` libraries but call none of its functions: only the
``pyarrow._substrait`` module does, and the bundle leaves that module out (``pyarrow.dataset``
imports it only when present). The loader still has to find a file of that name, so an empty
library with the same soname takes its place.

This is decided at build time, from the files themselves: a library is replaced only when no other
ELF file of the bundle imports a symbol it defines (``nm -D``) and none asks for one of its symbol
versions; otherwise it stays whole. The bundle's self-test and command runs then load pyarrow
through the empty library.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import elf_tools

# Libraries (globs under the bundle's _internal folder) to replace when nothing calls them.
STUB_CANDIDATES: tuple[str, ...] = ("pyarrow/libarrow_substrait.so.*",)


def _nm(path: Path, which: str) -> set[str]:
    out = subprocess.run(["nm", "-D", which, str(path)], capture_output=True, text=True, check=False).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}


def _elf_files(internal: Path) -> list[Path]:
    return [p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink()]


def callers(library: Path, files: list[Path]) -> list[Path]:
    """The files that import a symbol ``library`` defines or need one of its symbol versions."""
    defined = _nm(library, "--defined-only")
    name = library.name
    found = []
    for other in files:
        if other.resolve() == library.resolve():
            continue
        if defined & _nm(other, "--undefined-only"):
            found.append(other)
            continue
        versions = subprocess.run(["readelf", "-V", str(other)], capture_output=True, text=True).stdout
        if re.search(rf"File: {re.escape(name)}\b", versions):
            found.append(other)
    return found


def soname(library: Path) -> str:
    """The library's ``SONAME`` (its file name when it has none)."""
    return elf_tools.soname(library) or library.name


def write_empty_library(so_name: str, out: Path) -> None:
    """An ELF shared library with this soname that defines nothing (GNU assembler and linker)."""
    elf_tools.link_library("", so_name, out)


def stub_unused(internal: Path, candidates: tuple[str, ...] = STUB_CANDIDATES) -> tuple[int, list[str]]:
    """Replace each candidate nothing calls by an empty library; (bytes saved, candidates kept)."""
    if not all(shutil.which(tool) for tool in ("nm", "readelf", "as", "ld")):
        return 0, list(candidates)
    files = _elf_files(internal)
    saved, kept = 0, []
    for pattern in candidates:
        for library in sorted(internal.glob(pattern)):
            if library.is_symlink() or not library.is_file():
                continue
            if callers(library, files):
                kept.append(str(library.relative_to(internal)))
                continue
            before = library.stat().st_size
            stub = library.with_name(library.name + ".stub")
            write_empty_library(soname(library), stub)
            stub.chmod(library.stat().st_mode)
            stub.replace(library)
            saved += before - library.stat().st_size
    return saved, kept
