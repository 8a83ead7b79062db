"""Small ELF helpers the Linux build shares: a library's soname, and a shared library made by the
GNU assembler and linker (the ICU data library rebuilt with fewer locales, the empty stand-ins)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path


def soname(library: Path) -> str | None:
    """The library's ``SONAME``, or None when it has none."""
    out = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=False).stdout
    match = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    return match[1] if match else None


def link_library(assembly: str, so_name: str, out: Path, files: dict[str, bytes] | None = None) -> None:
    """Assemble ``assembly`` (with ``files`` beside it, for ``.incbin``) into a shared library
    named ``so_name`` at ``out``, without an executable stack."""
    with tempfile.TemporaryDirectory(prefix="segmenter-elf-") as tmp:
        folder = Path(tmp)
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        (folder / "lib.s").write_text(
            assembly + '\n.section .note.GNU-stack,"",@progbits\n', encoding="ascii"
        )
        subprocess.run(["as", "-o", "lib.o", "lib.s"], cwd=folder, check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", so_name, "-z", "noexecstack", "-o", "lib.so", "lib.o"],
            cwd=folder,
            check=True,
        )
        shutil.copyfile(folder / "lib.so", out)
