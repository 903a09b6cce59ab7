"""A facilitator's memory: past sessions read back from the summaries in the data folder, the
cards a group has already played, and one report across sessions for activity reports.

Reads the stable CSV (English headers, ISO dates, seconds), whatever the screen language was, and
the one-row CSV that versions before it wrote (translated headers; date and deck taken from the
file name). Plain Python: no pygame.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_datetime, format_timedelta

from game.i18n import _, available_languages, current_language, language_name, translations
from game.rules.modes import MODES

OTHER_LANGUAGES = ("ar", "de", "es", "fa", "fr", "hu", "ro", "ru", "tr")   # decks may have more than the UI
LEGACY_NAME = re.compile(r"session-(\d{4})-(\d\d)-(\d\d)-(\d\d)(\d\d)-(?P<deck>.+)\.csv$")


@dataclass(frozen=True)
class PastSession:
    """One session as its summary recorded it; None where an older summary did not say."""

    path: Path                          # the CSV
    started: datetime
    deck: str
    mode: str | None
    languages: tuple[str, ...]          # language codes, card language first
    cards: int                          # cards played (skipped ones not counted)
    teams: tuple[str, ...] = ()
    duration_s: int | None = None
    group: str = ""
    played: tuple[str, ...] = ()        # card ids played (empty for older summaries)
    points: tuple[int, ...] = ()        # per team, as in `teams`
    scored: bool = False

    @property
    def markdown_path(self) -> Path:
        return self.path.with_suffix(".md")


def read_sessions(folder: Path) -> list[PastSession]:
    """Every session summarised in `folder`, newest first; unreadable files are left out, never a crash."""
    sessions = []
    for path in sorted(folder.glob("session-*.csv")) if folder.is_dir() else ():
        try:
            found = read_summary(path)
        except (OSError, ValueError, KeyError, IndexError, csv.Error):
            continue
        if found:
            sessions.append(found)
    return sorted(sessions, key=lambda s: s.started, reverse=True)


def read_summary(path: Path) -> PastSession | None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        return None
    if "session" in rows[0] and "card_id" in rows[0]:
        return _read_long(path, rows)
    return _read_legacy(path, text)


def _read_long(path: Path, rows: list[dict]) -> PastSession:
    first = rows[0]
    played, teams, points = [], {}, {}
    for row in rows:
        if row["status"] == "played" and row["card_id"] not in played:
            played.append(row["card_id"])
        if row.get("team_number"):
            number = int(row["team_number"])
            teams[number] = row["team"]
            points[number] = points.get(number, 0) + int(row["points"] or 0)
    numbers = sorted(teams)
    return PastSession(path, datetime.fromisoformat(first["started"]), first["deck"], first["mode"],
                       tuple(code for code in (first["language"], first["language2"]) if code), len(played),
                       tuple(teams[n] for n in numbers), int(first["duration_s"]), (first.get("group") or "").strip(),
                       tuple(played), tuple(points[n] for n in numbers), "team_number" in first)


def _read_legacy(path: Path, text: str) -> PastSession | None:
    """The one-row summary of earlier versions: Date, Duration, Deck, Languages, Mode, Cards played,
    the card names, then one column per team; headers and values in the screen language of then."""
    name = LEGACY_NAME.search(path.name)
    header, values = list(csv.reader(io.StringIO(text)))[:2]
    if not name or len(values) < 7:
        return None
    year, month, day, hour, minute = (int(part) for part in name.groups()[:5])
    teams = tuple(header[7:])
    return PastSession(path, datetime(year, month, day, hour, minute).astimezone(), name["deck"],
                       _mode_from_name(values[4]), _languages_from_names(values[3]), int(values[5].strip() or 0),
                       teams, points=tuple(int(v) for v in values[7:7 + len(teams)] if v.strip().isdigit()),
                       scored=bool(teams))


def _mode_from_name(name: str) -> str | None:
    for language in available_languages():
        for key, mode in MODES.items():
            if translations(language).gettext(mode.name) == name:
                return key
    return None


def _languages_from_names(names: str) -> tuple[str, ...]:
    """Language names as some screen language wrote them, back to codes (deck languages are
    mostly the screen languages; a name not recognised is left out)."""
    known = {language_name(code, screen).casefold(): code
             for screen in available_languages() for code in available_languages() + list(OTHER_LANGUAGES)}
    return tuple(known[name.strip().casefold()] for name in names.split(",") if name.strip().casefold() in known)


# --- a group's cards -----------------------------------------------------------------------------

def same_group(a: str, b: str) -> bool:
    """Group names match whatever their case and spacing: "Class 7b" is "class 7B "."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def played_by(group: str, deck_id: str, sessions: list[PastSession]) -> frozenset[str]:
    """Cards of this deck the group has played (skipped cards were not discussed, so not counted)."""
    if not group.strip():
        return frozenset()
    return frozenset(card for s in sessions if s.deck == deck_id and same_group(s.group, group) for card in s.played)


# --- reading in the reader's language -------------------------------------------------------------

def describe(session: PastSession, deck_title: str | None = None) -> list[tuple[str, str]]:
    """Date, deck, mode, languages, cards and duration, in the current screen language."""
    locale = current_language()
    unknown = "?"
    duration = format_timedelta(session.duration_s, threshold=1.5, locale=locale) \
        if session.duration_s is not None else unknown
    facts = [(_("Date"), format_datetime(session.started, "medium", locale=locale)),
             (_("Duration"), duration),
             (_("Deck"), deck_title or session.deck),
             (_("Languages"), ", ".join(language_name(code, locale) for code in session.languages) or unknown),
             (_("Mode"), _(MODES[session.mode].name) if session.mode in MODES else unknown),
             (_("Cards played"), str(session.cards))]
    if session.group:
        facts.append((_("Group"), session.group))
    return facts


def markdown(session: PastSession, deck_title: str | None = None, card_names: dict[str, str] | None = None) -> str:
    """The summary rebuilt from its CSV in the reader's language (the file keeps the writer's)."""
    title, scores, discussed = _("Session summary"), _("Scores"), _("Cards discussed")
    team, points = _("Team"), _("Points")
    lines = [f"# {title}", ""]
    lines += [f"- **{name}:** {value}" for name, value in describe(session, deck_title)]
    if session.scored and session.teams:
        lines += ["", f"## {scores}", "", f"| {team} | {points} |", "|---|---|"]
        ranked = sorted(zip(session.teams, session.points), key=lambda pair: -pair[1])
        lines += [f"| {name} | {total} |" for name, total in ranked]
    if session.played:
        names = card_names or {}
        lines += ["", f"## {discussed}", ""]
        lines += [f"{i}. {names.get(card, card)}" for i, card in enumerate(session.played, 1)]
    return "\n".join(lines) + "\n"


# --- a report across sessions ---------------------------------------------------------------------

REPORT_COLUMNS = ("session_file", "started", "duration_s", "deck", "mode", "languages", "group", "teams", "cards")


def in_period(sessions: list[PastSession], since: date, until: date | None = None) -> list[PastSession]:
    """Sessions started on or after `since` (and on or before `until`), oldest first."""
    chosen = [s for s in sessions if s.started.date() >= since and (until is None or s.started.date() <= until)]
    return sorted(chosen, key=lambda s: s.started)


def report_rows(sessions: list[PastSession]) -> list[list]:
    return [[s.path.name, s.started.isoformat(timespec="seconds"),
             "" if s.duration_s is None else s.duration_s, s.deck, s.mode or "", " ".join(s.languages), s.group,
             len(s.teams), s.cards] for s in sessions]


def report_csv(sessions: list[PastSession]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    writer.writerows(report_rows(sessions))
    return buffer.getvalue()


def report_totals(sessions: list[PastSession]) -> dict:
    languages = sorted({code for s in sessions for code in s.languages})
    return {"sessions": len(sessions), "teams": sum(len(s.teams) for s in sessions),
            "groups": len({" ".join(s.group.split()).casefold() for s in sessions if s.group.strip()}),
            "languages": languages, "cards": sum(s.cards for s in sessions),
            "hours": round(sum(s.duration_s or 0 for s in sessions) / 3600, 1)}


def report_markdown(sessions: list[PastSession], since: date, until: date | None = None) -> str:
    """A table for an activity report, in English like the CSV (reports go to funders in English)."""
    totals = report_totals(sessions)
    period = f"{since.isoformat()} – {(until or date.today()).isoformat()}"
    languages = ", ".join(f"{language_name(code, 'en')} ({code})" for code in totals["languages"]) or "–"
    lines = [f"# The UnKnown: sessions {period}", "",
             f"- Sessions: {totals['sessions']}",
             f"- Teams (participants played in teams): {totals['teams']}",
             f"- Named groups: {totals['groups']}",
             f"- Languages: {languages}",
             f"- Cards played: {totals['cards']}",
             f"- Hours played: {totals['hours']}", "",
             "| Date | Deck | Mode | Languages | Group | Teams | Cards | Minutes |",
             "|---|---|---|---|---|---|---|---|"]
    for s in sessions:
        minutes = "" if s.duration_s is None else str(round(s.duration_s / 60))
        mode = MODES[s.mode].name if s.mode in MODES else "?"
        lines.append(f"| {s.started.strftime('%Y-%m-%d %H:%M')} | {s.deck} | {mode} | {', '.join(s.languages)} | "
                     f"{s.group} | {len(s.teams)} | {s.cards} | {minutes} |")
    return "\n".join(lines) + "\n"
