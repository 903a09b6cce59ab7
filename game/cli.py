"""Command line: `python main.py [command]`. With no command, the game window opens.

Commands that need pygame import it only when they run, so validating or exporting a deck works
on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from game import bundled
from game.errors import UserError

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep stdout for output (bench prints JSON lines)

BUNDLED_DECKS = bundled.CARDS


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Terminated as stop:
        return 128 + stop.signum


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl+C, so files being written are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stopped_by_signals():
    """While exporting, SIGTERM and SIGHUP raise Terminated instead of killing the process outright
    (which would leave hidden .part files); Ctrl+C already raises KeyboardInterrupt."""
    def stop(signum, _frame):
        raise Terminated(signum)
    if threading.current_thread() is not threading.main_thread():   # signals reach the main thread only
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    except (KeyboardInterrupt, Terminated):
        print("export interrupted: the output being written was removed, and files from earlier runs stay as "
              "they were; outputs listed above are complete", file=sys.stderr)
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="the-unknown", description="The UnKnown: an intercultural card game.")
    parser.set_defaults(run=_play)
    parser.add_argument("--decks", type=Path, help="folder of decks (default: the bundled decks and your own, "
                                                   "in the decks folder of the data folder)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    play = commands.add_parser("play", help="open the game window (the default)")
    play.set_defaults(run=_play)
    parser.add_argument("--lang", help="screen language (default: the system's, else English)")
    parser.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
    parser.add_argument("--presenter", action=argparse.BooleanOptionalAction, default=None,
                        help="facilitator console in a second window (default: on when two displays are connected)")
    parser.add_argument("--swap", action="store_true", help="presenter view: swap the audience and console displays")
    parser.add_argument("--phones", action="store_true", help="players join from their phones (a local web server "
                                                              "runs while the session does; see README)")

    validate = commands.add_parser("validate", help="check decks and print every problem as path:line:column")
    validate.add_argument("paths", nargs="*", type=Path, help="deck folders or folders of decks (default: cards/)")
    validate.set_defaults(run=_validate)

    translations = commands.add_parser("translations", help="how complete each translation of a deck is")
    translations.add_argument("deck", nargs="?", type=Path, help="a deck folder (default: every deck)")
    translations.add_argument("--stamp", metavar="LANG", help="record the current source fingerprint in every "
                                                                "fully translated LANG card that has none")
    translations.set_defaults(run=_translations)

    schema = commands.add_parser("schema", help="write the JSON Schemas for deck files into cards/schema/")
    schema.add_argument("--out", type=Path, default=BUNDLED_DECKS / "schema")
    schema.set_defaults(run=_schema)

    shot = commands.add_parser("screenshot", help="render a scene headless to a PNG")
    shot.add_argument("--scene", required=True, help="start, setup-languages, setup-teams, setup-rules, face, reveal, "
                                                     "question, clue, who-reveal, reveal-turning, statement, verdict, story, end, standings, "
                                                     "history, help, menu, preview, export")
    shot.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT (default 1280x720)")
    shot.add_argument("--lang", default="en", help="card and screen language")
    shot.add_argument("--lang2", help="second card language")
    shot.add_argument("--deck", help="deck id (default: the first deck that loads)")
    shot.add_argument("--card", help="card id (default: the first card of a seeded shuffle)")
    shot.add_argument("--page", type=int, default=1, help="page of a step whose text pages (default 1)")
    shot.add_argument("--teams", type=int, default=4, choices=range(2, 9), metavar="2-8", help="teams (default 4)")
    shot.add_argument("--out", type=Path, required=True)
    shot.set_defaults(run=_screenshot)

    legibility = commands.add_parser("legibility", help="the smallest text of every round step, per scene and "
                                                        "languages, against the floors of a readable screen")
    legibility.add_argument("--deck", help="deck id (default: the first deck that loads)")
    legibility.set_defaults(run=_legibility)

    _export_parser(commands)

    portraits = commands.add_parser("portraits", help="fetch free portraits from Wikimedia Commons for the cards "
                                                      "that name their Wikidata item (needs an internet connection)")
    portraits.add_argument("deck", help="a deck folder, or the id of a deck in the decks folder")
    portraits.add_argument("--cards", metavar="ID,ID", help="only these cards")
    portraits.add_argument("--contact", default=os.environ.get("THE_UNKNOWN_CONTACT"), metavar="EMAIL_OR_URL",
                           help="how Wikimedia can reach you, sent in the User-Agent as their policy asks "
                                "(default: $THE_UNKNOWN_CONTACT)")
    portraits.set_defaults(run=_portraits)

    credits = commands.add_parser("credits", help="the deck's credits as Markdown: each portrait's author, licence "
                                                  "and source, the game's origin and its fonts")
    credits.add_argument("deck", help="a deck folder, or the id of a deck in the decks folder")
    credits.add_argument("--lang", help="language of the credits (default: the deck's source language)")
    credits.set_defaults(run=_credits)

    report = commands.add_parser("report", help="one table across past sessions, for activity reports: a CSV and "
                                                "a Markdown file, from the session summaries")
    report.add_argument("--since", required=True, metavar="YYYY-MM-DD", help="sessions started on or after this day")
    report.add_argument("--until", metavar="YYYY-MM-DD", help="and on or before this day (default: today)")
    report.add_argument("--summaries", type=Path, metavar="FOLDER",
                        help="where the summaries are (default: summaries/ in the data folder)")
    report.add_argument("--out", type=Path, default=Path("."), metavar="FOLDER",
                        help="where to write report-SINCE-UNTIL.csv and .md (default: this folder)")
    report.set_defaults(run=_report)

    bench = commands.add_parser("bench", help="measure speed; one JSON line per figure")
    bench.add_argument("--quick", action="store_true", help="smaller inputs, for a fast check")
    bench.set_defaults(run=_bench)
    return parser


def deck_folders(args) -> list[Path]:
    """--decks, or the bundled decks plus the user's own decks folder."""
    if args.decks:
        return [args.decks]
    from game.store import user_decks_dir
    return [BUNDLED_DECKS, user_decks_dir()]


def _play(args) -> int:
    from game.app import run
    folders = deck_folders(args)
    try:
        folders[-1].mkdir(parents=True, exist_ok=True)  # so a facilitator finds where their own decks go
    except OSError:
        pass  # a read-only data folder: the bundled decks still play
    import pygame
    try:
        pygame.display.init()
    except pygame.error as error:   # no screen, or the display server refused the connection
        raise UserError(f"cannot open the game window: {error}") from None
    return run(folders, args.lang, fullscreen=args.fullscreen, presenter=args.presenter, swap=args.swap,
               phones=args.phones)


def _reports(paths: list[Path] | None, args):
    """Reports for the decks in `paths`; without paths, every deck the game would show."""
    from game.decks import deck_folders_in, find_decks, load_deck
    folders = [] if paths else deck_folders_in(deck_folders(args))   # what the game shows
    for path in paths or ():
        if not path.is_dir():
            raise UserError(f"{path} is not a folder; give a deck folder or a folder of decks")
        found = find_decks(path)
        if not found:
            raise UserError(f"no deck in {path}: a deck is a folder with a deck.yaml")
        folders += found
    if not folders:
        raise UserError(f"no deck found in {', '.join(map(str, deck_folders(args)))}")
    return [load_deck(folder) for folder in folders]


def _validate(args) -> int:
    from game.export.check import floor_problems
    reports = _reports(args.paths, args)
    failed = 0
    for report in reports:
        for problem in report.problems + tuple(floor_problems(report.deck) if report.deck else ()):
            print(problem)
        if report.errors or report.deck is None:
            failed += 1
            status = "did not load" if report.deck is None else f"{len(report.errors)} error(s)"
        else:
            status = "ok"
        summary = (f"{len(report.deck.cards)} cards, languages: {', '.join(report.deck.languages)}"
                   if report.deck else "")
        print(f"{report.path}: {status}" + (f" ({summary})" if summary else ""))
    print(f"{len(reports)} deck(s) checked, {failed} with errors")
    return 1 if failed else 0


def _translations(args) -> int:
    from game.decks.drift import deck_drift
    from game.decks.translations import stamp, translation_status
    reports = _reports([args.deck] if args.deck else None, args)
    for report in reports:
        if report.deck is None:
            print(f"{report.path}: the deck does not load; run 'python main.py validate {report.path}'")
            continue
        deck = report.deck
        if args.stamp:
            if args.stamp not in deck.editions or args.stamp == deck.source_language:
                raise UserError(f"{deck.id} has no translation '{args.stamp}'")
            stamped = stamp(deck, args.stamp)
            print(f"{deck.id}: stamped {len(stamped)} {args.stamp} card(s)")
            continue
        print(f"{deck.id} ({len(deck.cards)} cards, source: {deck.source_language})")
        print(f"  {'language':<10}{'complete':>9}{'missing':>9}{'stale':>7}{'extra':>7}{'done':>7}")
        statuses = translation_status(deck)
        for status in statuses:
            print(f"  {status.language:<10}{len(status.complete):>9}{len(status.missing):>9}"
                  f"{len(status.stale):>7}{len(status.extra):>7}{status.percent:>6}%")
        for status in statuses:
            for card_id in status.stale:
                print(f"  {status.language}: {card_id} is stale; after updating it, set "
                      f"translated_from: \"{deck.text(card_id, status.language).fingerprint}\"")
        drift = deck_drift(deck)
        for problem in drift:
            print(problem)
        print(f"  drift: {len(drift)} difference(s) in numbers, names, Latin-script titles or answers"
              + ("" if drift else " (none)"))
    return 0


def _schema(args) -> int:
    from game.decks import json_schemas
    from game.files import write_atomically
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        write_atomically(args.out / name, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        print(args.out / name)
    return 0


def _screenshot(args) -> int:
    from game import screenshots
    app = screenshots.build(args.scene, deck_folders(args), screenshots.parse_size(args.size), args.lang, args.lang2,
                            args.deck, teams=args.teams, card=args.card, page=args.page)
    screenshots.save(app, args.out)
    print(args.out)
    return 0


def _legibility(args) -> int:
    from game import legibility
    lines, failures = legibility.run(args.decks, args.deck)
    print("\n".join(lines))
    print(f"{failures} text(s) under the floor" if failures else "every text meets its floor")
    return 1 if failures else 0


def _export_parser(commands) -> None:
    from game.export import CARD_SIZES, LAYOUTS, MODES, PAPERS
    export = commands.add_parser("export", help="print-ready PDF sheets, single-card PDFs and PNGs of a deck",
                                 description="Print at 100% (actual size); the sheet's 50 mm bar checks it.")
    export.add_argument("deck", help="a deck folder, or the id of a deck in the decks folder")
    export.add_argument("--lang", help="language to print (default: the deck's source language)")
    export.add_argument("--lang2", metavar="LANG", help="second language, printed smaller under the name")
    export.add_argument("--out", type=Path, metavar="FILE.pdf", help="PDF of print-and-play sheets")
    export.add_argument("--paper", choices=list(PAPERS), default="a4", help="sheet size (default: a4)")
    export.add_argument("--size", default="poker", help=f"{', '.join(CARD_SIZES)} (2.5x3.5in), or WxH in mm or "
                                                        "inches such as 60x90mm or 2.5x3.5in (default: poker, 63x88mm)")
    export.add_argument("--bleed", default="3", metavar="MM", help="bleed around each card (default 3 mm; "
                                                                   "0.125in for 1/8 inch)")
    export.add_argument("--layout", choices=LAYOUTS, default="duplex-long",
                        help="how backs meet fronts: duplex (long- or short-edge flip), fold, or fronts only")
    export.add_argument("--crop-marks", action=argparse.BooleanOptionalAction, default=True,
                        help="cut marks in the sheet margins (default: on)")
    export.add_argument("--mode", choices=MODES, default="unknown", help="what the backs show (default: unknown)")
    export.add_argument("--cards", metavar="ID,ID", help="only these cards, in this order")
    export.add_argument("--category", metavar="NAME[,NAME]", help="only cards in one of these categories")
    export.add_argument("--field", metavar="NAME[,NAME]", help="only cards in one of these fields")
    export.add_argument("--tag", metavar="TAG[,TAG]", help="only cards with one of these tags")
    export.add_argument("--png", type=Path, metavar="DIR", help="one PNG per card face, bleed included")
    export.add_argument("--dpi", type=int, default=300, help="resolution of the PNGs (default 300)")
    export.add_argument("--pod", type=Path, metavar="DIR",
                        help="one PDF per card face at trim size plus bleed, no marks (print on demand)")
    export.set_defaults(run=_export)


def _export(args) -> int:
    from game.export import PrintOptions, ProgressBar, check_bleed, check_dpi, export, parse_size, select_cards
    if not (args.out or args.png or args.pod):
        raise UserError("say where to write: --out FILE.pdf, --png DIR and/or --pod DIR")
    if args.out and args.out.suffix.lower() != ".pdf":
        raise UserError(f"--out {args.out}: the file name must end in .pdf")
    folder = _deck_folder(args)
    card, bleed, dpi = parse_size(args.size), check_bleed(args.bleed), check_dpi(args.dpi)  # before the slow part
    deck = _loaded_deck(folder)
    options = PrintOptions(args.lang or deck.source_language, args.lang2, args.paper, card, bleed, args.layout,
                           args.crop_marks, args.mode, dpi)

    def listed(value):
        return [item.strip() for item in value.split(",") if item.strip()] if value else []

    cards = select_cards(deck, listed(args.cards), listed(args.category), listed(args.field), listed(args.tag))
    with _stopped_by_signals():
        export(deck, cards, options, out=args.out, pod=args.pod, png=args.png, progress=ProgressBar,
               warn=lambda line: print(f"warning: {line}", file=sys.stderr),
               report=lambda line: print(line, flush=True))
    return 0


def _loaded_deck(folder: Path):
    """The deck in `folder`, or an error that says how to see why it does not load."""
    from game.decks import load_deck
    deck = load_deck(folder).deck
    if deck is None:
        raise UserError(f"{folder}: the deck does not load; run 'python main.py validate {folder}'")
    return deck


def _deck_folder(args) -> Path:
    """args.deck as a deck folder, or as the id of a deck in the decks folders."""
    folder = Path(args.deck)
    if (folder / "deck.yaml").is_file():
        return folder
    searched = deck_folders(args)
    folder = next((root / args.deck for root in reversed(searched)   # the user's copy before the bundled deck
                   if (root / args.deck / "deck.yaml").is_file()), None)
    if folder is None:
        raise UserError(f"no deck '{args.deck}': give a deck folder or the id of a deck in "
                        f"{' or '.join(map(str, searched))}")
    return folder


def _portraits(args) -> int:
    from game import portraits
    from game.export import ProgressBar
    folder = _own_copy(_deck_folder(args))
    if not args.contact:
        print("note: no --contact given; Wikimedia asks for an e-mail or web address in the User-Agent",
              file=sys.stderr)
    client = portraits.Client(portraits.user_agent(args.contact))
    cards = [item.strip() for item in args.cards.split(",") if item.strip()] if args.cards else None
    try:
        outcomes = portraits.fetch_portraits(folder, client, portraits.DEFAULT_SERVICES, cards,
                                             ProgressBar("Portraits"))
    except portraits.NoConnection as error:
        raise UserError(str(error)) from None
    if not outcomes:
        print(f"{folder}: no card without a portrait has a wikidata item or a Wikipedia article as its source; "
              "add 'wikidata: Q…' to the cards in deck.yaml")
        return 0
    print(f"{folder}: {client.requests} requests")
    for line in portraits.summary(outcomes):
        print(line)
    return 1 if any(o.status == "problem" for o in outcomes) else 0


def _credits(args) -> int:
    from game import i18n
    from game.credits import credits_markdown
    deck = _loaded_deck(_deck_folder(args))
    language = args.lang or deck.source_language
    if language not in deck.editions:
        raise UserError(f"the deck has no language {language!r}; it has: {', '.join(deck.languages)}")
    i18n.set_language(language)
    sys.stdout.write(credits_markdown(deck, language))
    return 0


def _own_copy(folder: Path) -> Path:
    """An installed game's bundled deck is replaced on every upgrade: changes go into the user's copy
    in their decks folder, which the game then shows instead (see deck_folders_in)."""
    if not bundled.installed(folder):
        return folder
    from game.store import user_decks_dir
    copy = user_decks_dir() / folder.name
    if not copy.exists():
        shutil.copytree(folder, copy)
        print(f"note: the bundled deck is part of the installed game; your copy is {copy}, and the game shows it "
              "from now on")
    return copy


def _report(args) -> int:
    from datetime import date

    from game import history
    from game.store import Store, write_atomically

    def day(text, option):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise UserError(f"{option} {text!r}: write the day as YYYY-MM-DD, e.g. 2026-01-31") from None

    since = day(args.since, "--since")
    until = day(args.until, "--until") if args.until else date.today()
    folder = args.summaries or Store().summaries_dir
    if not folder.is_dir():
        raise UserError(f"{folder}: no summaries folder; summaries are written there when a session ends")
    sessions = history.in_period(history.read_sessions(folder), since, until)
    base = args.out / f"report-{since.isoformat()}-{until.isoformat()}"
    try:
        write_atomically(base.with_suffix(".csv"), history.report_csv(sessions))
        write_atomically(base.with_suffix(".md"), history.report_markdown(sessions, since, until))
    except OSError as error:
        raise UserError(f"cannot write the report in {args.out}: {error.strerror or error}") from None
    totals = history.report_totals(sessions)
    print(f"{totals['sessions']} session(s), {totals['teams']} team(s), {len(totals['languages'])} language(s), "
          f"{totals['cards']} card(s) from {folder}")
    print(base.with_suffix(".csv"))
    print(base.with_suffix(".md"))
    return 0


def _bench(args) -> int:
    from game.bench import run
    for figure in run(quick=args.quick):
        print(json.dumps(figure), flush=True)
    return 0
