"""Update the ``.ts`` translation sources from the code and compile them to ``.qm``.

    python resources/translations/build.py                 # lupdate + lrelease, fr and en
    python resources/translations/build.py --fill fr X.json  # then fill unfinished fr entries

The ``.ts`` files are the translation sources (edit them with Qt Linguist, ``pyside6-linguist``);
the ``.qm`` files are what the app loads. Strings are extracted from every ``self.tr()`` and
``QCoreApplication.translate()`` call under ``segmenter_app/ui`` by PySide6's ``lupdate``; the
English file needs no translations (the source strings are English) but exists so plural forms
and the language switch behave the same. ``--fill`` takes a JSON object ``{source: translation}``
(or ``{context: {source: translation}}``) and fills the entries still marked unfinished.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET  # our own .ts files, not untrusted input
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCES = REPO / "segmenter_app" / "ui"
LANGS = ("fr", "en")


def tool(name: str) -> str:
    """The path of a PySide6 tool (pyside6-lupdate...), beside this Python first."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (it ships {name}).")
    return found


def ts_path(lang: str) -> Path:
    """The .ts source of a language."""
    return HERE / f"segmenter_{lang}.ts"


def update() -> None:
    """Extract the strings of the UI code into the .ts files (keeping existing translations)."""
    files = sorted(str(p.relative_to(REPO)) for p in SOURCES.rglob("*.py"))
    for lang in LANGS:
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *files,
                "-ts",
                str(ts_path(lang)),
            ],
            check=True,
            cwd=REPO,
        )
        # lupdate names the target language from the file only when it creates it: make sure.
        tree = ET.parse(ts_path(lang))
        tree.getroot().set("language", {"fr": "fr_FR", "en": "en_GB"}[lang])
        tree.getroot().set("sourcelanguage", "en_GB")
        write_ts(tree, ts_path(lang))


def release() -> None:
    """Compile every .ts to .qm.

    Each .qm is written beside and then moved over the old one: Qt maps a loaded .qm into memory,
    and lrelease rewriting it in place made every app or test process that had it loaded die of
    a bus error (SIGBUS) at its next translated text.
    """
    for lang in LANGS:
        target = HERE / f"segmenter_{lang}.qm"
        tmp = target.with_suffix(".qm.tmp")
        subprocess.run([tool("pyside6-lrelease"), str(ts_path(lang)), "-qm", str(tmp)], check=True)
        tmp.replace(target)


def fill(lang: str, mapping_file: Path) -> int:
    """Fill unfinished entries of a .ts from a JSON mapping; return how many were filled.

    A plural message (``%n`` with ``numerus="yes"``) takes a list: its forms in the language's order
    (English and French: singular, plural).
    """
    mapping = json.loads(mapping_file.read_text(encoding="utf-8"))
    tree = ET.parse(ts_path(lang))
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        scoped = mapping.get(name) if isinstance(mapping.get(name), dict) else {}
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            text = scoped.get(source) or (
                mapping.get(source) if isinstance(mapping.get(source), str) else None
            )
            if not text:
                continue
            if message.get("numerus") == "yes":
                # Plural forms (French: one, many): a list in the JSON, one <numerusform> each.
                forms = text if isinstance(text, list) else [text, text]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = text if isinstance(text, str) else text[-1]
            del translation.attrib["type"]
            filled += 1
    write_ts(tree, ts_path(lang))
    return filled


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    """Write a .ts file through a temporary file, so a failure never leaves half a file."""
    tmp = path.with_suffix(".ts.tmp")
    tree.write(tmp, encoding="utf-8", xml_declaration=True)
    tmp.replace(path)


def unfinished(lang: str) -> list[tuple[str, str]]:
    """(context, source) of the entries still without a translation."""
    tree = ET.parse(ts_path(lang))
    missing = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                missing.append((context.findtext("name") or "", message.findtext("source") or ""))
    return missing


def main() -> int:
    """Command line of the script."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--fill", nargs=2, metavar=("LANG", "JSON"), help="fill unfinished entries, then compile"
    )
    parser.add_argument("--list-unfinished", metavar="LANG", help="print the entries still to translate")
    args = parser.parse_args()
    if args.list_unfinished:
        for context, source in unfinished(args.list_unfinished):
            print(json.dumps([context, source], ensure_ascii=False))
        return 0
    if args.fill:
        print(f"filled {fill(args.fill[0], Path(args.fill[1]))} entries")
    else:
        update()
    release()
    missing = unfinished("fr")
    print(f"French: {len(missing)} unfinished entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
