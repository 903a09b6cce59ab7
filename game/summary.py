"""The session summary facilitators need for activity reports: Markdown for people, in the UI
language (numbers, dates and durations from CLDR via Babel); CSV for spreadsheets, the same in every
language so that files from many sessions can be put together. Plain Python."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import datetime
from pathlib import Path

from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_decimal, format_percent

from game.decks import Deck
from game.i18n import _, current_language, language_name
from game.rules import MODES, Session
from game.files import write_atomically
from game.rules.standings import ranked

_NUMBER = re.compile(r"[-+]?[0-9]+([.,][0-9]+)?")


# The CSV's columns: English names that never change with the screen language.
CSV_COLUMNS = ("session", "started", "duration_s", "deck", "mode", "language", "language2", "position", "card_id",
               "card", "status")
CSV_TEAM_COLUMNS = ("team_number", "team", "points")
# Columns added later go last, so older files still line up when stacked.
CSV_LATER_COLUMNS = ("group",)


def ranking(session: Session) -> list[tuple[int, int, int]]:
    """(place, team index, points), best first; equal points share a place."""
    return ranked(session.scores())


def session_id(session: Session) -> str:
    """Start time to the second plus a short fingerprint: two sessions started in the same minute
    get their own files, and finishing one session again rewrites its own."""
    stamp = datetime.fromtimestamp(session.started_at).strftime("%Y-%m-%d-%H%M%S")
    identity = repr((session.started_at, session.deck_id, session.order, session.teams, session.rules.mode))
    return f"{stamp}-{hashlib.sha1(identity.encode()).hexdigest()[:6]}"


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
    ] + ([(_("Group"), session.group)] if session.group else [])


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
        lines += [f"| {rank} | {session.teams[team]} | {total} |" for rank, team, total in ranking(session)]
    lines += ["", f"## {discussed}", ""]
    lines += [f"{i}. {deck.text(card_id, session.language).name}" for i, card_id in enumerate(session.played(), 1)]
    return "\n".join(lines) + "\n"


def csv_text(session: Session, deck: Deck) -> str:
    """Long format: one row per card shown and team (one per card without scores), skipped cards
    included; ISO 8601 dates and durations in seconds, so any number of sessions can be stacked."""
    started = datetime.fromtimestamp(session.started_at).astimezone()
    duration = round((session.finished_at or session.started_at) - session.started_at)
    common = [session_id(session), started.isoformat(timespec="seconds"), duration, deck.id, session.mode,
              session.language, session.language2 or ""]
    points = _points_per_card(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def row(cells) -> None:
        writer.writerow([spreadsheet_safe(str(cell)) for cell in cells])

    row(CSV_COLUMNS + (CSV_TEAM_COLUMNS if session.scoring else ()) + CSV_LATER_COLUMNS)
    for i, card_id in enumerate(session.order[:session.card + 1]):
        card = common + [i + 1, card_id, deck.text(card_id, session.language).name,
                         "skipped" if i in session.skipped else "played"]
        if not session.scoring:
            row(card + [session.group])
        for team, name in enumerate(session.teams if session.scoring else ()):
            row(card + [team + 1, name, points.get((i, team), 0), session.group])
    return buffer.getvalue()


def _points_per_card(session: Session) -> dict[tuple[int, int], int]:
    """Points each team got on each card; a skipped card's points do not count (as in scores())."""
    totals: dict[tuple[int, int], int] = {}
    for award in session.awards:
        if award.card not in session.skipped:
            totals[award.card, award.team] = totals.get((award.card, award.team), 0) + award.points
    return totals


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula (=, +, -, @, tab, CR) gets a
    leading apostrophe, so a team called =HYPERLINK(…) cannot run when a report is opened. Plain
    numbers such as -2 stay numbers."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def save(session: Session, deck: Deck, folder: Path, phones: dict | None = None) -> tuple[Path, Path]:
    base = folder / f"session-{session_id(session)}-{deck.id}"
    md, table = base.with_suffix(".md"), base.with_suffix(".csv")
    write_atomically(md, markdown(session, deck, phones))
    write_atomically(table, csv_text(session, deck))
    return md, table
