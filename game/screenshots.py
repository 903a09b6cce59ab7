"""`python main.py screenshot`: render any scene headless to a PNG, for docs and reviews."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from game.errors import UserError

# scene name -> (mode, phase to walk to); None for scenes that are not a round step
ROUND_SCENES = {
    "face": ("unknown", "face"), "reveal": ("unknown", "reveal"), "question": ("unknown", "question"),
    "clue": ("who", "clue"), "who-reveal": ("who", "reveal"), "statement": ("fact", "statement"),
    "verdict": ("fact", "verdict"), "story": ("story", "story"),
}
OTHER_SCENES = ("start", "setup-languages", "setup-teams", "setup-rules", "end", "standings", "help", "menu", "preview",
                "export", "history", "credits", "reveal-turning")
PHONE_SCENES = ("lobby", "phones-face", "phones-reveal")   # with players' phones (made-up players)
SCENES = OTHER_SCENES + tuple(ROUND_SCENES) + PHONE_SCENES


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise UserError(f"--size {text!r}: write it as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (320 <= w <= 7680 and 240 <= h <= 4320):
        raise UserError(f"--size {text}: use a size from 320x240 to 7680x4320")
    return w, h


def build(scene: str, deck_dir: Path, size: tuple[int, int], language: str, language2: str | None, deck_id=None,
          ui_language: str | None = None, teams: int = 4, clock=lambda: 1_767_000_000.0, presenter: bool = False,
          card: str | None = None, page: int = 1):
    """An App showing `scene` (with `card`, on its `page`), on a throwaway data folder, ready to draw."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game import i18n
    from game.app import App, Context
    from game.rules import Rules, next_step, start
    from game.scenes.end import EndScene
    from game.scenes.help import HelpScene
    from game.scenes.menu import MenuScene
    from game.scenes.play import RoundScene
    from game.scenes.setup import SetupScene, default_team_name
    from game.scenes.start import StartScene
    from game.store import Store

    if scene not in SCENES:
        raise UserError(f"unknown scene {scene!r}; choose one of: {', '.join(SCENES)}")
    i18n.set_language(ui_language or language)
    context = Context.load(deck_dir, Store(Path(tempfile.mkdtemp(prefix="unknown-shot-"))))
    context.clock = clock
    context.seed = lambda: 3
    reports = [r for r in context.decks if r.deck and (deck_id is None or r.deck.id == deck_id)]
    if not reports:
        raise UserError(f"no deck that loads in {deck_dir}")
    deck = reports[0].deck
    for code in (language, language2):
        if code and code not in deck.editions:
            raise UserError(f"the deck has no language {code!r}; it has: {', '.join(deck.languages)}")
    if card is not None and card not in {c.id for c in deck.cards}:
        from game.decks.spec import suggestion
        raise UserError(f"the deck has no card {card!r}{suggestion(card, [c.id for c in deck.cards])}")
    app = App(context, size, presenter=presenter)
    app.push(StartScene(app))
    if scene == "start":
        return app
    if scene == "history":
        _past_sessions(app, deck, language, language2, clock)
        return app
    if scene == "credits":
        from game.scenes.credits import CreditsScene
        app.push(CreditsScene(app, deck, language))
        return app
    if scene in ("preview", "export"):
        from game.scenes.export import ExportScene
        from game.scenes.preview import PreviewScene
        preview = PreviewScene(app, reports[0])
        preview.language = deck.languages.index(language)
        app.push(preview)
        if scene == "export":
            app.push(ExportScene(app, deck, language))
        return app
    if scene.startswith("setup"):
        setup = SetupScene(app, deck)
        setup.page = ("setup-languages", "setup-teams", "setup-rules").index(scene)
        setup.language.index = deck.languages.index(language)
        setup.language.on_change()
        if language2:
            setup.language2.index = setup.language2.options.index(language2)
        app.push(setup)
        return app
    team_names = [default_team_name(i) for i in range(teams)]
    mode, phase = ROUND_SCENES.get(scene, ("unknown", "reveal"))
    session = start(deck, Rules(mode=mode, cards=0 if card else 5, timer=90 if scene == "face" else 0,
                                leaderboard="always"), team_names, language, language2, seed=3, now=clock())
    if card:
        from dataclasses import replace
        session = replace(session, card=session.order.index(card), step=0)
    while session.phase[0] != phase:
        session = next_step(session, clock())
    if scene in ("reveal", "verdict", "clue") and scene not in PHONE_SCENES:
        from game.rules import mark_team
        session = mark_team(session, 1)
    if scene in PHONE_SCENES:
        return _with_phones(app, deck, session, scene)
    round_scene = RoundScene(app, deck, session)
    app.reset(round_scene)
    round_scene.page = max(0, min(page, round_scene.page_count()) - 1)
    if scene == "reveal-turning":         # 0.35 s into the reveal: the card turning over
        from game.input import Action, Intent
        from game.rules import back
        app.context.calm, app.context.sound = False, False
        round_scene.session = back(session, clock())          # the face; Next brings the reveal
        round_scene.handle(Intent(Action.NEXT))
        round_scene.motion.clock = lambda: clock() + 0.35
    elif scene == "standings":
        from game.rules import mark_team
        from game.scenes.standings import StandingsScene
        session = next_step(next_step(session, clock()), clock())       # card 2's face
        session = mark_team(next_step(session, clock()), 2)              # its reveal: team C was right too
        session = mark_team(session, 3)
        round_scene.session = next_step(session, clock())                 # its question: the card is done
        app.push(StandingsScene(app, round_scene, then_next=True))
    elif scene == "end":
        from game.rules import finish, mark_team
        session = mark_team(mark_team(session, 0), 2)    # teams A and C tie for the first place
        app.reset(EndScene(app, deck, finish(session, clock() + 45 * 60)))
    elif scene == "help":
        app.push(HelpScene(app))
    elif scene == "menu":
        app.push(MenuScene(app, round_scene))
    return app


def _past_sessions(app, deck, language, language2, clock) -> None:
    """Three finished sessions in the throwaway data folder, and the list of them on screen."""
    from game import history, summary
    from game.rules import Rules, finish, mark_team, next_step, start
    from game.scenes.history import HistoryScene
    folder = app.context.store.summaries_dir
    for i, (mode, group) in enumerate((("unknown", "Class 7b"), ("story", ""), ("fact", "Evening course"))):
        now = clock() - (3 - i) * 7 * 86400
        session = start(deck, Rules(mode=mode, cards=3), ["Team A", "Team B", "Team C"] if mode != "story" else [],
                        language, language2, seed=i, now=now, group=group)
        session = next_step(session, now)
        if mode == "unknown":
            session = mark_team(session, 1)
        summary.save(finish(session, now + 3000 + i * 600), deck, folder)
    app.push(HistoryScene(app, history.read_sessions(folder)))


def save(app, out: Path) -> list[Path]:
    """The audience picture in `out`; with a presenter console, the console beside it (-console.png)."""
    import pygame
    app.draw(app.screen)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.screen, str(out))
    if app.console is None:
        return [out]
    app.console.draw()
    console = out.with_name(f"{out.stem}-console{out.suffix}")
    pygame.image.save(app.console.surface, str(console))
    return [out, console]


def _with_phones(app, deck, session, scene: str):
    """The lobby or a round with 15 made-up players (12 answered at the face step); the server is not
    started: nothing listens, the scenes only read its room."""
    from dataclasses import replace

    from game.rules import next_step, votes
    from game.rules.session import back
    from game.scenes.lobby import LobbyScene
    from game.scenes.play import RoundScene
    from game.web import PhoneServer
    if session.phase[0] == "reveal":
        session = back(session, session.started_at)
    server = PhoneServer(deck, session, "majority", code="K7QM")
    names = ["Amira", "Bogdan", "Chen", "Darya", "Elif", "Farid", "Greta", "Hana", "Ivo", "Jonas", "Kateryna",
             "Lamin", "Maja", "", "Oksana"]
    room = replace(server.room, position=(session.card, session.step))
    for i, name in enumerate(names):
        room = votes.join(room, session, f"p{i}", name, None, "uk" if i % 3 else "bg", deck)
        room = replace(room, players=tuple(replace(p, joined=None) for p in room.players))
    answers = [deck.card(session.card_id).categories, ("fled",), ("moved", "advocate"),
               deck.card(session.card_id).categories, ("advocate",)]
    for i in range(12):
        room = votes.cast_vote(room, session, deck, f"p{i}", list(answers[i % len(answers)]))
    server.room, server.session, server.started = room, session, scene != "lobby"
    if scene == "lobby":
        app.reset(LobbyScene(app, deck, session, server, ["192.168.137.1", "10.0.0.12"]))
        return app
    if scene == "phones-reveal":
        session = server.follow(next_step(session, session.started_at))
    app.reset(RoundScene(app, deck, session, phones=server))
    return app
