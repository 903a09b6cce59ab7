"""The session summary facilitators need for activity reports: Markdown for people, CSV for
spreadsheets. Numbers, dates and durations follow the UI language (CLDR via Babel). Plain Python."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_decimal, format_percent

from game.decks import Deck
from game.i18n import _, current_language, language_name
from game.rules import MODES, Session
from game.store import write_atomically


def ranking(session: Session) -> list[tuple[int, str, int]]:
    """(place, team, points), best first; equal points share a place."""
    rows = sorted(zip(session.teams, session.scores()), key=lambda pair: -pair[1])
    ranked, place = [], 0
    for i, (team, points) in enumerate(rows):
        if i == 0 or points != rows[i - 1][1]:
            place = i + 1
        ranked.append((place, team, points))
    return ranked


def facts(session: Session, deck: Deck) -> list[tuple[str, str]]:
    locale = current_language()
    started = datetime.fromtimestamp(session.started_at)
    duration = (session.finished_at or session.started_at) - session.started_at
    languages = language_name(session.language, locale)
    if session.language2:
        languages += ", " + language_name(session.language2, locale)
    return [
        (_("Date"), format_datetime(started, "medium", locale=locale)),
        (_("Duration"), format_timedelta(duration, threshold=1.5, locale=locale)),
        (_("Deck"), deck.edition(session.language).title),
        (_("Languages"), languages),
        (_("Mode"), _(MODES[session.mode].name)),
        (_("Cards played"), format_decimal(len(session.played()), locale=locale)),
    ]


def phone_facts(counts: dict | None) -> list[tuple[str, str]]:
    """Players' phones, as anonymous counts: how many played, answers per step, share of right answers."""
    if not counts:
        return []
    locale = current_language()
    share = counts.get("share_correct")
    return [(_("Players on phones"), format_decimal(counts["players"], locale=locale)),
            (_("Answers per step"), ", ".join(format_decimal(n, locale=locale) for n in counts["answers"]) or "–"),
            (_("Right answers"), format_percent(share, locale=locale) if share is not None else "–")]


def markdown(session: Session, deck: Deck, phones: dict | None = None) -> str:
    # _() stays outside f-strings: Babel cannot extract a call inside one.
    title, scores, discussed = _("Session summary"), _("Scores"), _("Cards discussed")
    place, team, points = _("Place"), _("Team"), _("Points")
    lines = [f"# {title}", ""]
    lines += [f"- **{name}:** {value}" for name, value in facts(session, deck) + phone_facts(phones)]
    if session.teams and session.scoring:
        lines += ["", f"## {scores}", "", f"| {place} | {team} | {points} |", "|---|---|---|"]
        lines += [f"| {rank} | {name} | {total} |" for rank, name, total in ranking(session)]
    lines += ["", f"## {discussed}", ""]
    lines += [f"{i}. {deck.text(card_id, session.language).name}" for i, card_id in enumerate(session.played(), 1)]
    return "\n".join(lines) + "\n"


def csv_text(session: Session, deck: Deck, phones: dict | None = None) -> str:
    """One row per session, with a column per team's score, so reports can be appended."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = facts(session, deck) + phone_facts(phones)
    header = [name for name, _value in rows] + [_("Cards")] + list(session.teams)
    values = [value for _name, value in rows]
    values += ["; ".join(deck.text(c, session.language).name for c in session.played())]
    values += [str(points) for points in session.scores()]
    writer.writerow(header)
    writer.writerow(values)
    return buffer.getvalue()


def save(session: Session, deck: Deck, folder: Path, phones: dict | None = None) -> tuple[Path, Path]:
    stamp = datetime.fromtimestamp(session.started_at).strftime("%Y-%m-%d-%H%M")
    base = folder / f"session-{stamp}-{deck.id}"
    md, table = base.with_suffix(".md"), base.with_suffix(".csv")
    write_atomically(md, markdown(session, deck, phones))
    write_atomically(table, csv_text(session, deck, phones))
    return md, table
