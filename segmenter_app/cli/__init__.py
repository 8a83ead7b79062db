"""Command line: ``python -m segmenter_app [segment|measure] ...``, or the window without a command.

Exit codes are stable (automation depends on them): 0 success; 2 unusable input or options,
with a one-paragraph message on standard error in the chosen language; 1 internal error (logged,
with the log's path on standard error).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import logging
import os
import re
import sys
import typing
from collections.abc import Callable, Sequence

from segmenter_app import __version__
from segmenter_app.core.i18n import LANGUAGES, Messages, UserError, system_language

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INPUT = 2


COMMANDS = ("segment", "measure")

T = Messages(
    {
        "cancelled": ("Stopped.", "Arrêté."),
        "usage": (
            "{detail}. Run 'segmenter {command} --help' to see the options and their values.",
            "{detail}. Lancez « segmenter {command} --help » pour voir les options et leurs valeurs.",
        ),
        "invalid_choice": (
            "{option} does not accept '{value}' (choose from {choices})",
            "{option} n'accepte pas « {value} » (valeurs possibles : {choices})",
        ),
        "invalid_int": (
            "{option} takes a whole number, not '{value}'",
            "{option} attend un nombre entier, pas « {value} »",
        ),
        "invalid_float": (
            "{option} takes a number such as 0.1, not '{value}'",
            "{option} attend un nombre comme 0.1, pas « {value} »",
        ),
        "required": ("Missing: {options}", "Il manque : {options}"),
        "unrecognized": (
            "Unknown options or extra values: {options}",
            "Options inconnues ou valeurs en trop : {options}",
        ),
        "one_value": ("{option} needs a value", "{option} demande une valeur"),
        "dash_name": (
            "'{name}' starts with a dash, so it was taken for an option. Write it ./{name}",
            "« {name} » commence par un tiret, il a donc été pris pour une option. Écrivez-le ./{name}",
        ),
        "disk_full": (
            "Segmenter could not finish writing {path}: the disk is full. Free some space or choose another folder, then run the command again.",
            "Segmenter n'a pas pu finir d'écrire {path} : le disque est plein. Libérez de la place ou choisissez un autre dossier, puis relancez la commande.",
        ),
        "disk_full_any": (
            "Segmenter could not finish writing its output files: the disk is full. Free some space or choose another folder, then run the command again.",
            "Segmenter n'a pas pu finir d'écrire ses fichiers de sortie : le disque est plein. Libérez de la place ou choisissez un autre dossier, puis relancez la commande.",
        ),
        "read_only_any": (
            "Segmenter could not write its output files: the folder or the disk is read-only. Choose another folder, then run the command again.",
            "Segmenter n'a pas pu écrire ses fichiers de sortie : le dossier ou le disque est en lecture seule. Choisissez un autre dossier, puis relancez la commande.",
        ),
        "read_only": (
            "Segmenter could not write {path}: the folder or the disk is read-only or not yours. Choose another folder, then run the command again.",
            "Segmenter n'a pas pu écrire {path} : le dossier ou le disque est en lecture seule ou ne vous appartient pas. Choisissez un autre dossier, puis relancez la commande.",
        ),
        "internal": (
            "Segmenter met an unexpected problem and stopped. Nothing was overwritten. Details are in the log: {log}",
            "Segmenter a rencontré un problème inattendu et s'est arrêté. Rien n'a été écrasé. Les détails sont dans le journal : {log}",
        ),
    }
)


def run_command(name: str, lang: str, body: Callable[[], int]) -> int:
    """Run a command's ``body`` with the exit-code contract of the command line.

    Unusable input (``UserError``) and a cancel give 2 with the message on standard error in
    ``lang``; Ctrl+C gives 130; a closed output pipe after the work is done gives 0; anything else is logged with its traceback (the log holds no
    customer data) and gives 1 with the log's path.
    """
    from segmenter_app.core.progress import Cancelled
    from segmenter_app.logs import setup_logging

    log_path = setup_logging()
    # Numerical warnings (overflow on absurd amounts...) go to the log, not the user's screen.
    logging.captureWarnings(True)
    try:
        with _signals_as_interrupts():
            return body()
    except UserError as exc:
        print(exc.text(lang), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # Whoever read the output stopped reading (`| head`): the files are written, the
        # summary line had nowhere to go. Not an error; silence the final flush too.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        # A full disk or a read-only place met while writing an output (a mailing CSV, a
        # workbook...) is the user's to fix, wherever in the core it surfaced: exit 2, said.
        key = _WRITE_ERRORS.get(exc.errno or 0)
        if key is None:
            logging.getLogger(__name__).exception("%s failed", name)
            print(T("internal", lang, log=log_path), file=sys.stderr)
            return EXIT_INTERNAL
        logging.getLogger(__name__).warning("%s: %s", name, exc.strerror)
        if exc.filename:
            print(T(key, lang, path=exc.filename), file=sys.stderr)
        else:  # a write() has no file name to give
            print(T(f"{key}_any", lang), file=sys.stderr)
        return EXIT_INPUT
    except (Cancelled, KeyboardInterrupt) as exc:
        print(T("cancelled", lang), file=sys.stderr)
        if isinstance(exc, Terminated):
            return 128 + exc.signum
        return EXIT_INPUT if isinstance(exc, Cancelled) else 130
    except Exception:
        logging.getLogger(__name__).exception("%s failed", name)
        print(T("internal", lang, log=log_path), file=sys.stderr)
        return EXIT_INTERNAL


class Terminated(KeyboardInterrupt):
    """The command was asked to stop by a signal other than Ctrl+C (``kill``, a closed terminal)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def _signals_as_interrupts() -> typing.Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception while a command runs, as Ctrl+C already is.

    By default they end Python on the spot: the temporary workbook beside ``--out`` and
    XlsxWriter's temporary files (tens of MB) were left behind. Raised in the main thread, the
    exception unwinds through the savers' cleanup like Ctrl+C; the exit code is 128 + the signal.
    """
    import signal
    import threading

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in wanted:
        # A signal the caller chose to ignore (nohup's SIGHUP) stays ignored.
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_terminated)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


_WRITE_ERRORS = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EROFS: "read_only"}

# argparse's own messages, said again in the user's language (argparse has no French).
_ARGPARSE = (
    (
        re.compile(
            r"argument (?P<option>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.*)\)$"
        ),
        "invalid_choice",
    ),
    (re.compile(r"argument (?P<option>\S+): invalid int value: '(?P<value>.*)'$"), "invalid_int"),
    (re.compile(r"argument (?P<option>\S+): invalid float value: '(?P<value>.*)'$"), "invalid_float"),
    (re.compile(r"the following arguments are required: (?P<options>.*)$"), "required"),
    (re.compile(r"unrecognized arguments: (?P<options>.*)$"), "unrecognized"),
    (re.compile(r"argument (?P<option>\S+): expected one argument$"), "one_value"),
)


def usage_message(message: str, lang: str, command: str) -> str:
    """An argparse error as one paragraph in ``lang``, pointing to the command's help."""
    detail = message
    for pattern, key in _ARGPARSE:
        found = pattern.match(message)
        if found:
            detail = T(key, lang, **found.groupdict())
            break
    return T("usage", lang, detail=detail.rstrip("."), command=command)


def requested_language(args: Sequence[str]) -> str:
    """The ``--lang`` given on the command line (before it is parsed), else the system's."""
    for i, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGUAGES:
            return value
    return system_language()


# The options whose value is a file or folder name (which may start with a dash).
PATH_OPTIONS = frozenset(
    ("--out", "--report", "--mapping", "--rules", "--csv-dir", "--key-file", "--save-project", "--compare")
)


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose errors are one paragraph in the user's language, exit code 2."""

    lang = "en"
    command = ""  # the command being parsed (the top-level parser reports some of its errors)
    args: typing.ClassVar[list[str]] = []  # the words given, to recognise a file name taken for an option

    def error(self, message: str) -> typing.NoReturn:
        """Print the problem (no usage block: the message says where the help is) and exit 2."""
        command = self.prog.split()[-1] if " " in self.prog else CommandParser.command
        dashed = self._dashed_name()
        if dashed is not None:  # the real cause, rather than "Missing: FILE" or "needs a value"
            message = T("dash_name", CommandParser.lang, name=dashed)
        self.exit(EXIT_INPUT, usage_message(message, CommandParser.lang, command).strip() + "\n")

    def _dashed_name(self) -> str | None:
        """A word starting with "-" that is no option of this command but an existing file, or
        the value of an option (``--out -x.xlsx``): a file name argparse took for an option."""
        known = set(self._option_string_actions)
        for i, arg in enumerate(CommandParser.args):
            if arg in ("-", "--") or not arg.startswith("-") or arg.split("=", 1)[0] in known:
                continue
            after_option = i > 0 and CommandParser.args[i - 1] in PATH_OPTIONS
            if after_option or os.path.isfile(arg):
                return arg
        return None


def build_parser() -> argparse.ArgumentParser:
    """The parser of the commands (``segment``, ``measure``), the automation interface."""
    parser = CommandParser(
        prog="segmenter",
        description="Segmenter: customer segmentation for small shops, offline. "
        "Without a command, opens the window (options: --demo, --lang, --self-test, files to open).",
    )
    parser.add_argument("--version", action="version", version=f"Segmenter {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="{segment,measure}", required=True)
    from segmenter_app.cli import segment

    segment.add_parser(sub)
    try:
        from segmenter_app.cli import measure
    except ImportError:  # the measure command lands with the Measure step
        measure = None
    if measure is not None:
        measure.add_parser(sub)
    return parser


def build_window_parser() -> argparse.ArgumentParser:
    """The parser used when no command is given: options of the window and files to open."""
    parser = argparse.ArgumentParser(
        prog="segmenter",
        description="Opens Segmenter's window. Commands: segment, measure (see 'segmenter segment --help').",
    )
    parser.add_argument("--version", action="version", version=f"Segmenter {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the window with the demo shop's data imported"
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="interface language (default: the system's)"
    )
    parser.add_argument(
        "--self-test", action="store_true", help="check the installation without a screen and exit"
    )
    parser.add_argument(
        "--self-test-report",
        metavar="REPORT.json",
        default=None,
        help="where the self-test writes its report",
    )
    parser.add_argument(
        "files", nargs="*", default=[], metavar="FILE", help="sales or customer files to open"
    )
    return parser


def _tolerant_output() -> None:
    """Never fail on a character the output's encoding lacks (a Windows pipe is cp1252, which has
    no "−" or narrow no-break space): write a replacement instead of stopping with an error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and stream.errors == "strict":
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Route by the first word: a command, or the window (whose positional arguments are files).
    if args_list and args_list[0] in COMMANDS:
        _tolerant_output()
        CommandParser.lang = requested_language(args_list)
        CommandParser.command = args_list[0]
        CommandParser.args = args_list[1:]
        args = build_parser().parse_args(args_list)
        if getattr(args, "lang", None) is None:
            args.lang = system_language()
        return int(args.run(args))
    args = build_window_parser().parse_args(args_list)
    if args.self_test:
        from segmenter_app.selftest import run_self_test

        return run_self_test(args.self_test_report)
    from segmenter_app.ui.app import run_app

    return run_app(list(args.files), demo=args.demo, lang=args.lang)
