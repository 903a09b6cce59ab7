"""Before the first card, with players' phones: a large QR code, the address and the room code, and who
joined, by team. The facilitator can take a name off the list; Enter starts the round; Esc goes back
to the start screen and stops the server (the session is kept and can be resumed, without phones).

The web server starts here and runs while the session does (it stops itself when the session ends).
"""

from __future__ import annotations

import logging

import pygame

from game.decks import Deck
from game.i18n import _, ngettext
from game.input import Action, Intent
from game.layout import Box
from game.rules.session import Session
from game.scenes.base import Scene
from game.ui import render, theme
from game.ui import votes as votes_ui
from game.ui.widgets import Button
from game.web import PhoneServer, addresses

log = logging.getLogger("game.web")


def start_lobby(app, deck: Deck, session: Session, team_points: str) -> Scene:
    """Start the phones' server and print the join address; `team_points`: off, majority or share."""
    server = PhoneServer(deck, session, team_points, port=app.context.phones_port).start()
    hosts = addresses()
    print(f"Join: {server.url(hosts[0])}", flush=True)
    for other in hosts[1:]:
        print(f"      {server.url(other)}", flush=True)
    return LobbyScene(app, deck, session, server, hosts)


class LobbyScene(Scene):
    def __init__(self, app, deck: Deck, session: Session, server: PhoneServer, hosts: list[str]):
        super().__init__(app)
        self.deck, self.session, self.server, self.hosts = deck, session, server, hosts
        self.selected = 0
        self.seen = -1

    def players(self):
        """Players in the order shown: by team, then by joining."""
        return sorted(self.server.room.players, key=lambda p: -1 if p.team is None else p.team)

    # --- input -----------------------------------------------------------------------------------
    def buttons(self, size):
        w, h = size
        m = theme.px(h, theme.MARGIN)
        bh = theme.px(h, 0.085)
        return [Button(Box(m, h - m - bh, w * 0.3, bh), _("Remove the name"), Intent(Action.BACK)),
                Button(Box(w - m - w * 0.3, h - m - bh, w * 0.3, bh), _("Start"), Intent(Action.NEXT), focused=True)]

    def handle(self, intent: Intent) -> None:
        action, players = intent.action, self.players()
        if action is Action.CLICK:
            return super().handle(intent)
        if action is Action.NEXT:
            from game.scenes.play import RoundScene
            scene = RoundScene(self.app, self.deck, self.session, phones=self.server)
            scene.apply(lambda s: s)     # the phones follow the first step
            self.app.reset(scene)
        elif action in (Action.UP, Action.DOWN) and players:
            self.selected = (self.selected + (1 if action is Action.DOWN else -1)) % len(players)
        elif action is Action.BACK and players:
            self.server.remove(players[min(self.selected, len(players) - 1)].id)
            self.selected = max(0, self.selected - 1)
        elif action is Action.MENU:             # back to the start: the session is kept, the server stops
            from game.scenes.start import StartScene
            self.server.stop()
            self.app.reset(StartScene(self.app))

    def update(self, dt: float) -> bool:
        if self.server.version != self.seen:
            self.seen = self.server.version
            return True
        return False

    # --- drawing ---------------------------------------------------------------------------------
    def render_key(self):
        return (id(self), self.seen, self.selected)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        m = theme.px(h, theme.MARGIN)
        surface.fill(theme.BACKGROUND)
        render.text(surface, Box(m, m, w - 2 * m, theme.px(h, 0.08)), _("Join on your phone"),
                    theme.px(h, theme.TITLE), theme.TEXT, bold=True, max_lines=1)
        side = int(min(h * 0.62, w * 0.36))
        top = m + theme.px(h, 0.1)
        url = self.server.url(self.hosts[0])
        surface.blit(votes_ui.qr_surface(url, side), (m, top))
        x = m + side + m
        right = w - x - m
        address = f"{self.hosts[0]}:{self.server.port}"
        render.text(surface, Box(x, top, right, theme.px(h, 0.05)), _("Open in the browser:"),
                    theme.px(h, theme.SMALL), theme.MUTED, max_lines=1)
        render.text(surface, Box(x, top + h * 0.045, right, theme.px(h, 0.09)), address, theme.px(h, 0.075),
                    theme.TEXT, bold=True, max_lines=1)
        render.text(surface, Box(x, top + h * 0.14, right, theme.px(h, 0.05)), _("Room code"),
                    theme.px(h, theme.SMALL), theme.MUTED, max_lines=1)
        render.text(surface, Box(x, top + h * 0.18, right, theme.px(h, 0.12)), self.server.code, theme.px(h, 0.11),
                    theme.ACCENT, bold=True, max_lines=1)
        others = ", ".join(f"{host}:{self.server.port}" for host in self.hosts[1:])
        hint = _("Phones must be on the same Wi-Fi as this computer.")
        if others:
            hint += " " + _("Other addresses of this computer: {addresses}").format(addresses=others)
        render.text(surface, Box(x, top + h * 0.31, right, theme.px(h, 0.09)), hint, theme.px(h, theme.SMALL),
                    theme.MUTED, max_lines=2)
        self._draw_players(surface, Box(x, top + h * 0.41, right, h - m - theme.px(h, 0.085) - m - top - h * 0.41))
        for button in self.buttons((w, h)):
            button.draw(surface, theme.px(h, theme.BODY))

    def _draw_players(self, surface, box: Box) -> None:
        h = surface.get_height()
        players = self.players()
        size = theme.px(h, theme.SMALL)
        count = ngettext("{count} player has joined", "{count} players have joined", len(players)).format(
            count=len(players))
        render.text(surface, Box(box.x, box.y, box.w, size * 1.5), count, theme.px(h, theme.BODY), theme.TEXT,
                    bold=True, max_lines=1)
        teams = self.session.teams or ("",)
        column = box.w / len(teams)
        line = size * 1.35
        rows = max(1, int((box.h - size * 1.6) // line) - 1)
        for t, team in enumerate(teams):
            x = box.x + t * column
            members = [(i, p) for i, p in enumerate(players) if (p.team == t or not self.session.teams)]
            y = box.y + size * 1.7
            if team:
                render.shape(surface, theme.TEAM_SHAPES[t], (x + size * 0.4, y + line / 2), size * 0.32,
                             theme.TEAM_COLORS[t])
                render.text(surface, Box(x + size, y, column - size, line), f"{team} ({len(members)})", size,
                            theme.MUTED, bold=True, max_lines=1)
                y += line
            for shown, (i, player) in enumerate(members[:rows]):
                name = player.name or _("(no name)")
                selected = i == self.selected
                if selected:
                    pygame.draw.rect(surface, theme.ACCENT, render.to_rect(Box(x, y, column * 0.95, line)),
                                     max(2, h // 300), border_radius=4)
                render.text(surface, Box(x + size * 0.3, y, column - size * 0.6, line), name, size,
                            theme.TEXT if player.connected else theme.MUTED, bold=selected, max_lines=1,
                            valign="middle")
                y += line
            if len(members) > rows:
                render.text(surface, Box(x, y, column, line), _("and {count} more").format(count=len(members) - rows),
                            size, theme.MUTED, max_lines=1)
