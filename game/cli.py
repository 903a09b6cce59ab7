"""Command line: `python main.py [command]`. With no command, the game window opens.

Commands that need pygame import it only when they run, so validating or exporting a deck works
on a machine without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
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
                                                     "question, clue, who-reveal, statement, verdict, story, end, help, "
                                                     "menu, preview, export")
    shot.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT (default 1280x720)")
    shot.add_argument("--lang", default="en", help="card and screen language")
    shot.add_argument("--lang2", help="second card language")
    shot.add_argument("--deck", help="deck id (default: the first deck that loads)")
    shot.add_argument("--out", type=Path, required=True)
    shot.set_defaults(run=_screenshot)

    _export_parser(commands)

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
    return run(folders, args.lang, fullscreen=args.fullscreen, presenter=args.presenter, swap=args.swap,
               phones=args.phones)


def _reports(paths: list[Path] | None, args):
    """Reports for the decks in `paths`; without paths, every deck the game would show."""
    from game.decks import find_decks, load_deck
    folders = []
    for path in paths or deck_folders(args):
        if not path.is_dir():
            if not paths:
                continue  # the user's own decks folder does not exist yet
            raise UserError(f"{path} is not a folder; give a deck folder or a folder of decks")
        found = find_decks(path)
        if not found and paths:
            raise UserError(f"no deck in {path}: a deck is a folder with a deck.yaml")
        folders += found
    if not folders:
        raise UserError(f"no deck found in {', '.join(map(str, deck_folders(args)))}")
    return [load_deck(folder) for folder in folders]


def _validate(args) -> int:
    reports = _reports(args.paths, args)
    failed = 0
    for report in reports:
        for problem in report.problems:
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
    return 0


def _schema(args) -> int:
    from game.decks import json_schemas
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in json_schemas().items():
        (args.out / name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(args.out / name)
    return 0


def _screenshot(args) -> int:
    from game import screenshots
    app = screenshots.build(args.scene, deck_folders(args), screenshots.parse_size(args.size), args.lang, args.lang2, args.deck)
    screenshots.save(app, args.out)
    print(args.out)
    return 0


def _export_parser(commands) -> None:
    from game.export import CARD_SIZES, LAYOUTS, MODES, PAPERS
    export = commands.add_parser("export", help="print-ready PDF sheets, single-card PDFs and PNGs of a deck",
                                 description="Print at 100% (actual size); the sheet's 50 mm bar checks it.")
    export.add_argument("deck", help="a deck folder, or the id of a deck in the decks folder")
    export.add_argument("--lang", help="language to print (default: the deck's source language)")
    export.add_argument("--lang2", metavar="LANG", help="second language, printed smaller under the name")
    export.add_argument("--out", type=Path, metavar="FILE.pdf", help="PDF of print-and-play sheets")
    export.add_argument("--paper", choices=list(PAPERS), default="a4", help="sheet size (default: a4)")
    export.add_argument("--size", default="poker", help=f"{', '.join(CARD_SIZES)} or WxHmm such as 60x90mm "
                                                        "(default: poker, 63x88mm)")
    export.add_argument("--bleed", type=float, default=3.0, metavar="MM", help="bleed around each card (default 3)")
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
    from game.decks import load_deck
    from game.export import PrintOptions, ProgressBar, check_bleed, check_dpi, export, parse_size, select_cards
    if not (args.out or args.png or args.pod):
        raise UserError("say where to write: --out FILE.pdf, --png DIR and/or --pod DIR")
    folder = Path(args.deck)
    if not (folder / "deck.yaml").is_file():
        searched = deck_folders(args)
        folder = next((root / args.deck for root in searched if (root / args.deck / "deck.yaml").is_file()), None)
        if folder is None:
            raise UserError(f"no deck '{args.deck}': give a deck folder or the id of a deck in "
                            f"{' or '.join(map(str, searched))}")
    card, bleed, dpi = parse_size(args.size), check_bleed(args.bleed), check_dpi(args.dpi)  # before the slow part
    deck = load_deck(folder).deck
    if deck is None:
        raise UserError(f"{folder}: the deck does not load; run 'python main.py validate {folder}'")
    options = PrintOptions(args.lang or deck.source_language, args.lang2, args.paper, card, bleed, args.layout,
                           args.crop_marks, args.mode, dpi)

    def listed(value):
        return [item.strip() for item in value.split(",") if item.strip()] if value else []

    cards = select_cards(deck, listed(args.cards), listed(args.category), listed(args.field), listed(args.tag))
    for line in export(deck, cards, options, out=args.out, pod=args.pod, png=args.png, progress=ProgressBar):
        print(line)
    return 0


def _bench(args) -> int:
    from game.bench import run
    for figure in run(quick=args.quick):
        print(json.dumps(figure), flush=True)
    return 0
