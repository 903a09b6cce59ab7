"""`python main.py portraits DECK`: free portraits from Wikimedia Commons for the cards that name
their Wikidata item, with the author and licence written into deck.yaml.

A card without `wikidata:` whose source is a Wikipedia article gets its item from that article's
sitelink (wbgetentities by sites= and titles=, the link Wikipedia itself keeps), checked the same
way (name and year of birth) and written into deck.yaml before its portrait is fetched; an item
that fails the check is reported and nothing is written, as an id must never be guessed.

For each card with `wikidata: Q…` and no `image:` yet, it reads the item (instance of P31, label,
aliases, image P18 and date of birth P569), makes sure the item is this person (a human, Q5, whose
name in the deck's source language and year of birth match, otherwise it reports and does not
guess), asks Commons
for a thumbnail large enough for print and for the file's licence and author, keeps only public
domain, CC0, CC BY and CC BY-SA, downloads the thumbnail, checks that it decodes, writes it
atomically to `portraits/<card-id>.<ext>` and inserts the image lines into that card's block in
deck.yaml (text insertion, so comments and layout stay; validated, and rolled back on failure).

Polite as Wikimedia's API etiquette asks: a descriptive User-Agent with a contact, one request at
a time with a pause between requests, gzip, `maxlag=5`, and retries with exponential backoff on
timeouts, HTTP 429 and 5xx and maxlag answers, honouring Retry-After. Cards already done are
skipped, so an interrupted run resumes where it stopped. Only the standard library (urllib).

The response shapes handled here were checked against recorded answers of the real services:
- wbgetentities by ids, or by `sites=enwiki&titles=A|B` (then each entity also has `"sitelinks":
  {"enwiki": {"site": "enwiki", "title": "A", "badges": []}}` and a title without an item comes back as
  `"-1": {"site": "enwiki", "title": "B", "missing": ""}`; njh/dbpedialite lib/wikidata_api.rb,
  maxlath/wikibase-sdk docs/get_entities.md, sitelink answers recorded in other clients' tests):
  `{"entities": {"Q42": {"id": "Q42", "labels": {"en": {"language": "en", "value": …}},
  "aliases": {"en": [{"language": "en", "value": …}]}, "claims": {"P18": [{"mainsnak": {"snaktype":
  "value", "datavalue": {"value": "File name.jpg", "type": "string"}, "datatype": "commonsMedia"},
  "rank": "normal"}], "P569": [{"mainsnak": {"datavalue": {"value": {"time": "+1952-03-11T00:00:00Z",
  "precision": 11, …}, "type": "time"}}, …}]}}}}`; an item that does not exist is
  `{"entities": {"Q…": {"id": "Q…", "missing": ""}}, "success": 1}` (recorded answers in the test
  fixtures of siznax/wptools, tests/wikidata.py, and of other Wikidata clients).
- query + prop=imageinfo: `{"query": {"normalized": [{"from": "File:A_b.jpg", "to": "File:A b.jpg"}],
  "pages": {"123": {"title": "File:…", "imageinfo": [{"thumburl", "thumbwidth", "thumbheight", "url",
  "descriptionurl", "extmetadata": {"Artist": {"value": "<a …>Name</a>", "source": …},
  "LicenseShortName": {"value": "CC BY-SA 2.0 fr"}, "License": {"value": "cc-by-sa-2.0-fr"},
  "LicenseUrl": {"value": …}, …}}]}, "-1": {"title": …, "missing": ""}}}}`
  (wmde/attribution-generator-api, services/__fixtures__/imageInfo*.js).
- maxlag: HTTP 200 with `{"error": {"code": "maxlag", "info": …, "lag": …}}` and a Retry-After header
  (mediawiki.org, Manual:Maxlag parameter).
"""

from __future__ import annotations

import gzip
import html.parser
import io
import json
import math
import os
import re
import socket
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from typing import Callable

from game import __version__
from game.decks import load_deck
from game.decks.format import DECK_FILE
from game.decks.images import MAX_IMAGE_BYTES, ImageProblem, open_portrait
from game.decks.yamlfile import YamlMap, read_yaml
from game.errors import UserError

BATCH = 50                       # ids or titles per API request: the most both APIs take at once
MAX_ANSWER_BYTES = 64 * 1024 * 1024
PORTRAIT_BOX_MM = (63 * 0.86, 88 * 0.5)  # the portrait box of game/layout.card_front on a poker card
PRINT_DPI = 300
BOX_PX = tuple(math.ceil(size / 25.4 * PRINT_DPI) for size in PORTRAIT_BOX_MM)  # (640, 520)
PORTRAITS_FOLDER = "portraits"
RETRY_STATUS = {429, 500, 502, 503, 504}
CONTACT_PLACEHOLDER = "contact: set --contact or THE_UNKNOWN_CONTACT"


@dataclass(frozen=True)
class Services:
    """Where the two APIs and the thumbnails are; tests hand in a local fake."""

    wikidata: str = "https://www.wikidata.org/w/api.php"
    commons: str = "https://commons.wikimedia.org/w/api.php"
    download_hosts: tuple[str, ...] = ("upload.wikimedia.org",)


DEFAULT_SERVICES = Services()


class FetchError(Exception):
    """A request that failed for good (after its retries); the message says which service and why."""


class NoConnection(FetchError):
    """The service cannot be reached at all (no network, no DNS): nothing else will work either."""


def user_agent(contact: str | None) -> str:
    """Wikimedia's User-Agent policy asks for a name, a version and a way to reach the operator."""
    return (f"TheUnKnown-portraits/{__version__} (intercultural card game; {contact or CONTACT_PLACEHOLDER}) "
            f"Python-urllib/{sys.version_info.major}.{sys.version_info.minor}")


class Client:
    """One request at a time, paced, retried with exponential backoff that honours Retry-After."""

    def __init__(self, agent: str, timeout: float = 30.0, attempts: int = 5, pause: float = 1.0,
                 backoff: float = 2.0, max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.agent, self.timeout, self.attempts, self.pause = agent, timeout, attempts, pause
        self.backoff, self.max_wait, self.sleep, self.clock = backoff, max_wait, sleep, clock
        self._last: float | None = None
        self.requests = 0

    def api(self, url: str, params: dict) -> dict:
        """A MediaWiki API answer as JSON; maxlag answers are waited out like a 503."""
        query = urllib.parse.urlencode({**params, "format": "json", "maxlag": 5})
        return self._get(f"{url}?{query}", MAX_ANSWER_BYTES, api=True)

    def download(self, url: str, limit: int) -> bytes:
        return self._get(url, limit, api=False)

    def _get(self, url: str, limit: int, api: bool):
        host = urllib.parse.urlsplit(url).hostname or url
        reason = "no answer"
        for attempt in range(self.attempts):
            self._pace()
            retry_after = None
            request = urllib.request.Request(url, headers={"User-Agent": self.agent, "Accept-Encoding": "gzip"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body = _read(response, limit)
                    retry_after = response.headers.get("Retry-After")
                if not api:
                    return body
                data = _json(body, host)
                error = data.get("error") if isinstance(data, dict) else None
                if not error:
                    return data
                if error.get("code") != "maxlag":
                    raise FetchError(f"{host} refused the request: {error.get('code')}: {error.get('info', '')}")
                reason = f"the servers are busy (maxlag: {error.get('lag', '?')} s behind)"
            except urllib.error.HTTPError as error:
                if error.code not in RETRY_STATUS:
                    raise FetchError(f"{host} answered HTTP {error.code} {error.reason} for {url}") from None
                reason, retry_after = f"HTTP {error.code} {error.reason}", error.headers.get("Retry-After")
            except urllib.error.URLError as error:
                if isinstance(error.reason, (socket.gaierror, ConnectionRefusedError)):
                    raise NoConnection(f"cannot reach {host} ({error.reason}); fetching portraits needs an "
                                       "internet connection") from None
                reason = "timed out" if isinstance(error.reason, TimeoutError) else str(error.reason)
            except TimeoutError:
                reason = "timed out"
            except (ConnectionError, HTTPException) as error:
                reason = f"connection lost ({error})"
            if attempt + 1 < self.attempts:
                self.sleep(self._wait(attempt, retry_after))
        raise FetchError(f"{host}: {reason} (tried {self.attempts} times)")

    def _pace(self) -> None:
        now = self.clock()
        if self._last is not None and now - self._last < self.pause:
            self.sleep(self.pause - (now - self._last))
        self._last = self.clock()
        self.requests += 1

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        wait = self.backoff * 2 ** attempt
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, float(retry_after))
        return min(wait, self.max_wait)


def _read(response, limit: int) -> bytes:
    body = response.read(limit + 1)
    if response.headers.get("Content-Encoding") == "gzip":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped:
                body = unzipped.read(limit + 1)
        except (OSError, EOFError) as error:
            raise FetchError(f"a damaged compressed answer ({error})") from None
    if len(body) > limit:
        raise FetchError(f"the answer is larger than {limit // (1024 * 1024)} MB; refused")
    return body


def _json(body: bytes, host: str):
    try:
        return json.loads(body)
    except ValueError:
        raise FetchError(f"{host} did not answer with JSON") from None


# --- is this the person? -------------------------------------------------------------------------

_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "þ": "th"})


def name_words(name: str) -> list[str]:
    """A name without case, accents or punctuation: 'Skłodowska-Curie' -> ['sklodowska', 'curie']."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"\w+", plain.casefold())


def same_name(name: str, labels: list[str]) -> bool:
    """The card's name matches a label or alias, or one holds all the (two or more) words of the other,
    as 'Marie Curie' and 'Marie Skłodowska-Curie' do."""
    mine = name_words(name)
    for label in labels:
        theirs = name_words(label)
        shorter, longer = sorted((mine, theirs), key=len)
        if mine == theirs or (len(shorter) >= 2 and set(shorter) <= set(longer)):
            return True
    return False


def _values(entity: dict, prop: str) -> list:
    """The values of a property, preferred statements first, deprecated ones and unknown values left out."""
    claims = [c for c in entity.get("claims", {}).get(prop, [])
              if c.get("rank") != "deprecated" and c.get("mainsnak", {}).get("snaktype") == "value"]
    claims.sort(key=lambda c: c.get("rank") != "preferred")
    return [c["mainsnak"].get("datavalue", {}).get("value") for c in claims]


def birth_years(entity: dict) -> set[int]:
    """Years of birth given to at least year precision (9); a decade or century proves nothing."""
    years = set()
    for value in _values(entity, "P569"):
        if isinstance(value, dict) and value.get("precision", 0) >= 9:
            match = re.match(r"([+-])0*(\d+)-", value.get("time", ""))
            if match:
                years.add(int(match[2]) * (-1 if match[1] == "-" else 1))
    return years


def labels_in(entity: dict, language: str) -> list[str]:
    label = entity.get("labels", {}).get(language, {}).get("value")
    aliases = [a.get("value", "") for a in entity.get("aliases", {}).get(language, [])]
    return ([label] if label else []) + aliases


# --- licences ------------------------------------------------------------------------------------

def free_licence(short_name: str, code: str) -> bool:
    """Public domain, CC0, CC BY or CC BY-SA (any version or port); never NC or ND, nothing else."""
    kinds = []
    for text in (short_name, code):
        words = re.split(r"[\s_\-]+", text.strip().lower())
        if not words[0]:
            continue
        if {"nc", "nd"} & set(words):
            return False
        kinds.append(words[0] in ("pd", "cc0", "cc-zero") or text.lower().startswith("public domain")
                     or words[:2] in (["cc", "by"], ["cc", "zero"], ["cc", "pd"]))
    return bool(kinds) and all(kinds)


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(markup: str) -> str:
    """Commons gives authors as HTML (links to user pages); the card needs the words."""
    parser = _Text()
    parser.feed(markup or "")
    parser.close()
    text = " ".join("".join(parser.parts).split())
    return text if len(text) <= 200 else text[:199] + "…"


# --- the run -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    card_id: str
    status: str   # "fetched", "done" (had an image already), "skipped" (no free image) or "problem"
    message: str
    item: str = ""  # the Wikidata item found through the card's Wikipedia article and written to deck.yaml


@dataclass
class _Candidate:
    card_id: str
    qid: str
    file: str = ""
    info: dict | None = None


def wikipedia_article(card) -> tuple[str, str] | None:
    """(site, title) of the first Wikipedia article among the card's sources, as Wikidata names them:
    https://en.wikipedia.org/wiki/Kalpana_Chawla -> ("enwiki", "Kalpana Chawla")."""
    for url in (card.source, *card.sources):
        parts = urllib.parse.urlsplit(url)
        site = re.fullmatch(r"([a-z]{2,3}(?:-[a-z]+)*)(?:\.m)?\.wikipedia\.org", parts.hostname or "")
        if site and parts.path.startswith("/wiki/") and len(parts.path) > len("/wiki/"):
            title = urllib.parse.unquote(parts.path[len("/wiki/"):]).replace("_", " ").strip()
            return site[1].replace("-", "_") + "wiki", title[:1].upper() + title[1:]
    return None


def fetch_portraits(folder: Path, client: Client, services: Services = DEFAULT_SERVICES,
                    only: list[str] | None = None, progress: Callable[[int, int], None] | None = None
                    ) -> list[Outcome]:
    """Fetch what is missing for one deck; every card with a wikidata item or a Wikipedia article as
    its source (and no image yet) gets one outcome."""
    folder = Path(folder)
    report = load_deck(folder)
    if report.deck is None:
        raise UserError(f"{folder}: the deck does not load; run 'python main.py validate {folder}'")
    deck = report.deck
    raw = _raw_cards(folder)
    unknown = [card_id for card_id in only or () if card_id not in raw]
    if unknown:
        raise UserError(f"no card {', '.join(unknown)} in {folder / DECK_FILE}")
    outcomes: list[Outcome] = []
    todo: list[_Candidate] = []
    articles: dict[str, tuple[str, str]] = {}   # cards without an item: their Wikipedia article names it
    for card in deck.cards:
        if only and card.id not in only:
            continue
        if "image" in raw.get(card.id, {}):
            if card.wikidata:
                outcomes.append(Outcome(card.id, "done", "has an image already"))
        elif card.wikidata:
            todo.append(_Candidate(card.id, card.wikidata))
        elif article := wikipedia_article(card):
            articles[card.id] = article
    total, finished = len(todo) + len(articles), 0
    errors_before = {str(p) for p in report.errors}  # a line written for one card must not add any
    learned: dict[str, str] = {}

    def finish(candidate: _Candidate, status: str, message: str) -> None:
        nonlocal finished
        item = learned.get(candidate.card_id, "")
        if item:
            message = f"{item} (found through its Wikipedia article, written to {DECK_FILE}); {message}"
        outcomes.append(Outcome(candidate.card_id, status, message, item))
        finished += 1
        if progress:
            progress(finished, total)

    language = deck.source_language.replace("_", "-").lower()
    names = {card.id: deck.text(card.id, deck.source_language).name for card in deck.cards}
    born = {card.id: card.born for card in deck.cards}
    found = []
    for card_id, entity in _items_of_articles(client, services, articles, language).items():
        candidate = _Candidate(card_id, entity.get("id", "") if isinstance(entity, dict) else "")
        site, title = articles[card_id]
        if isinstance(entity, FetchError):
            finish(candidate, "problem", f"Wikidata: {entity}")
            continue
        if entity is None:
            finish(candidate, "problem", f"Wikidata has no item for the {site} article '{title}' (a redirect or a "
                                         "renamed article?); add 'wikidata: Q…' to the card by hand")
            continue
        problem = _check_item(entity, candidate, names[card_id], born[card_id], language,
                              f"it is the item of the {site} article '{title}', which may be about someone else: "
                              "add 'wikidata: Q…' by hand")
        if problem and problem[0] == "problem":
            finish(candidate, *problem)
            continue
        written = write_card_lines(folder, card_id, {"wikidata": candidate.qid}, errors_before)
        if written:
            finish(candidate, "problem", written)
            continue
        learned[card_id] = candidate.qid
        if problem:
            finish(candidate, *problem)
        else:
            found.append(candidate)
    def items(batch):
        return client.api(services.wikidata, {"action": "wbgetentities", "ids": "|".join(c.qid for c in batch),
                                              "props": "labels|aliases|claims", "languages": language})

    found += _in_batches(todo, items, lambda entities, c: _check_item(_entity(entities, c.qid), c, names[c.card_id],
                                                                      born[c.card_id], language), "Wikidata", finish)
    ready = _in_batches(found, lambda batch: _image_infos(client, services, [c.file for c in batch], BOX_PX[0]),
                        _check_file, "Commons", finish)
    for candidate in ready:
        try:
            finish(candidate, *_fetch_one(folder, client, services, candidate, errors_before))
        except NoConnection:
            raise
        except FetchError as error:
            finish(candidate, "problem", f"download: {error}")
    order = {card.id: index for index, card in enumerate(deck.cards)}
    return sorted(outcomes, key=lambda o: order[o.card_id])


def _in_batches(candidates: list[_Candidate], ask: Callable[[list[_Candidate]], dict],
                check: Callable[[dict, _Candidate], tuple[str, str] | None], service: str,
                finish: Callable[[_Candidate, str, str], None]) -> list[_Candidate]:
    """Ask a service about up to 50 candidates at once; those that pass `check` go on, the others are
    finished with its reason (all of a batch, when the service fails for good)."""
    passed = []
    for batch in _chunks(candidates, BATCH):
        try:
            answer = ask(batch)
        except NoConnection:
            raise
        except FetchError as error:
            for candidate in batch:
                finish(candidate, "problem", f"{service}: {error}")
            continue
        for candidate in batch:
            problem = check(answer, candidate)
            if problem:
                finish(candidate, *problem)
            else:
                passed.append(candidate)
    return passed


def _chunks(items: list, size: int):
    return (items[start:start + size] for start in range(0, len(items), size))


def _items_of_articles(client: Client, services: Services, articles: dict[str, tuple[str, str]],
                       language: str) -> dict[str, dict | FetchError | None]:
    """Card id -> the item whose sitelink is the card's Wikipedia article (None when there is none).
    wbgetentities takes one site and up to 50 titles at a time, and answers a redirected or
    differently written title under the article's own title: such a card is asked about again alone,
    where the one item in the answer can only be its article's."""
    items: dict[str, dict | FetchError | None] = {}
    by_site: dict[str, list[str]] = {}
    for card_id, (site, _title) in articles.items():
        by_site.setdefault(site, []).append(card_id)

    def ask(site: str, card_ids: list[str]) -> dict[str, dict] | FetchError:
        try:
            answer = client.api(services.wikidata, {
                "action": "wbgetentities", "sites": site, "titles": "|".join(articles[c][1] for c in card_ids),
                "props": "labels|aliases|claims|sitelinks", "languages": language, "sitefilter": site,
                **({"normalize": 1} if len(card_ids) == 1 else {})})
        except NoConnection:
            raise
        except FetchError as error:
            return error
        return {entity["sitelinks"][site].get("title"): entity for entity in answer.get("entities", {}).values()
                if "missing" not in entity and site in entity.get("sitelinks", {})}

    for site, card_ids in by_site.items():
        for batch in _chunks(card_ids, BATCH):
            by_title = ask(site, batch)
            for card_id in batch:
                items[card_id] = by_title if isinstance(by_title, FetchError) else by_title.get(articles[card_id][1])
                if items[card_id] is None and len(batch) > 1:
                    alone = ask(site, [card_id])
                    items[card_id] = alone if isinstance(alone, FetchError) else next(iter(alone.values()), None)
    return items


def _raw_cards(folder: Path) -> dict[str, YamlMap]:
    raw, _ = read_yaml(folder / DECK_FILE)
    cards = raw.get("cards", []) if isinstance(raw, YamlMap) else []
    return {item["id"]: item for item in cards if isinstance(item, YamlMap) and isinstance(item.get("id"), str)}


def _entity(answer: dict, qid: str) -> dict | None:
    """The item asked for; a merged item comes back under its new id, with a note of the redirect."""
    entities = answer.get("entities", {})
    return entities.get(qid) or next((e for e in entities.values()
                                      if e.get("redirects", {}).get("from") == qid), None)


def _check_item(entity: dict | None, candidate: _Candidate, name: str, born: int, language: str,
                fix: str = "check the card's wikidata id") -> tuple[str, str] | None:
    """Why this item cannot be used for this card, or None (and the candidate learns its file)."""
    qid = candidate.qid
    if not entity or "missing" in entity:
        return "problem", f"Wikidata has no item {qid}; check the card's wikidata id"
    if entity.get("id") != qid:
        return "problem", f"{qid} now redirects to {entity.get('id')}; put {entity.get('id')} in the card"
    if "Q5" not in [value.get("id") for value in _values(entity, "P31") if isinstance(value, dict)]:
        return "problem", f"{qid} is not a person on Wikidata (not an instance of human, Q5); {fix} (nothing fetched)"
    labels = labels_in(entity, language)
    if not same_name(name, labels):
        said = f"'{labels[0]}'" if labels else f"no {language} label"
        return "problem", (f"{qid} is {said}, not '{name}'; {fix} (nothing fetched)")
    years = birth_years(entity)
    if born not in years:
        said = f"gives {' or '.join(map(str, sorted(years)))} as the year of birth" if years else \
            "gives no year of birth"
        return "problem", f"{qid} {said}, the card says {born}; {fix}, or correct the card's year (nothing fetched)"
    files = [value for value in _values(entity, "P18") if isinstance(value, str)]
    if not files:
        return "skipped", f"{qid} has no image on Wikidata"
    candidate.file = files[0]
    return None


def _image_infos(client: Client, services: Services, files: list[str], width: int) -> dict[str, dict]:
    """File name -> its imageinfo (thumbnail, size, licence); a missing file is left out."""
    data = client.api(services.commons, {
        "action": "query", "prop": "imageinfo", "iiprop": "url|extmetadata|mime|size", "iiurlwidth": width,
        "iiextmetadatafilter": "Artist|LicenseShortName|License|LicenseUrl|AttributionRequired",
        "titles": "|".join(f"File:{name}" for name in files)})
    query = data.get("query", {})
    pages = query.get("pages", {})
    by_title = {page.get("title"): page for page in (pages.values() if isinstance(pages, dict) else pages)}
    renamed = {item.get("from"): item.get("to") for item in query.get("normalized", [])}
    infos = {}
    for name in files:
        title = f"File:{name}"
        page = by_title.get(renamed.get(title, title)) or by_title.get(title)
        if page and page.get("imageinfo") and ("missing" not in page or "known" in page):
            infos[name] = page["imageinfo"][0]
    return infos


def _check_file(files: dict[str, dict], candidate: _Candidate) -> tuple[str, str] | None:
    """Why Commons' file for this card cannot be used, or None (and the candidate keeps its imageinfo)."""
    candidate.info = files.get(candidate.file)
    info, name = candidate.info, candidate.file
    if info is None:
        return "problem", f"Commons has no file '{name}' (named by {candidate.qid}, P18)"
    meta = info.get("extmetadata", {})
    short = plain_text(meta.get("LicenseShortName", {}).get("value", ""))
    code = plain_text(meta.get("License", {}).get("value", ""))
    if not free_licence(short, code):
        return "skipped", f"'{name}' is {short or code or 'without a licence'}: not a free licence, skipped"
    if not plain_text(meta.get("Artist", {}).get("value", "")) and not _public_domain(short, code):
        return "skipped", f"'{name}' names no author, which {short} requires; skipped"
    if not info.get("thumburl") or not info.get("descriptionurl"):
        return "problem", f"Commons gave no thumbnail for '{name}'"
    return None


def _public_domain(short: str, code: str) -> bool:
    return short.lower().startswith("public domain") or re.split(r"[\s_\-]+", (code or short).lower())[0] in (
        "pd", "cc0")


def _fetch_one(folder: Path, client: Client, services: Services, candidate: _Candidate,
               errors_before: set[str]) -> tuple[str, str]:
    info = candidate.info
    width, height = info.get("width") or 0, info.get("height") or 0
    if width and height:  # a wide picture needs more width to cover the box's height
        needed = min(width, max(BOX_PX[0], math.ceil(BOX_PX[1] * width / height)))
        if needed > (info.get("thumbwidth") or 0):
            info = _image_infos(client, services, [candidate.file], needed).get(candidate.file, info)
    url = info["thumburl"]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or parts.hostname not in services.download_hosts:
        return "problem", f"Commons gave a thumbnail on an unexpected server ({parts.hostname}); not downloaded"
    body = client.download(url, MAX_IMAGE_BYTES)
    saved = _save_portrait(folder, candidate.card_id, body)
    if isinstance(saved, ImageProblem):
        return "problem", f"the downloaded thumbnail of '{candidate.file}' cannot be used: {saved}"
    path, (got_w, got_h) = saved
    meta = info.get("extmetadata", {})
    short = plain_text(meta.get("LicenseShortName", {}).get("value", "")) or plain_text(
        meta.get("License", {}).get("value", ""))
    credit = plain_text(meta.get("Artist", {}).get("value", "")) or "unknown author"
    lines = {"image": path.relative_to(folder).as_posix(), "image_credit": credit, "image_license": short,
             "image_source": info["descriptionurl"]}
    problem = write_card_lines(folder, candidate.card_id, lines, errors_before)
    if problem:
        path.unlink(missing_ok=True)
        return "problem", problem
    dpi = round(PRINT_DPI * min(got_w / BOX_PX[0], got_h / BOX_PX[1]))
    low = f"; only {dpi} dpi on a printed poker card (300 wanted)" if dpi < PRINT_DPI else ""
    return "fetched", f"{lines['image']} ({short}, {credit}){low}"


def _save_portrait(folder: Path, card_id: str, body: bytes):
    """Write the thumbnail beside the deck under the extension its content has, only if it decodes."""
    kind = "png" if body.startswith(b"\x89PNG") else "webp" if body[8:12] == b"WEBP" else "jpg"
    target_dir = folder / PORTRAITS_FOLDER
    target_dir.mkdir(exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target_dir, prefix=f".{card_id}.", suffix=f".{kind}")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(body)
        image = open_portrait(Path(temporary))
        if isinstance(image, ImageProblem):
            return ImageProblem(image.message.replace(Path(temporary).name, f"{card_id}.{kind}"))
        size = image.size
        image.close()
        for old in target_dir.glob(f"{card_id}.*"):  # a previous run's file in another format
            old.unlink()
        path = target_dir / f"{card_id}.{kind}"
        os.replace(temporary, path)
        return path, size
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_card_lines(folder: Path, card_id: str, lines: dict[str, str],
                     errors_before: set[str] | None = None) -> str | None:
    """Insert `key: value` lines at the end of the card's block in deck.yaml, leaving every other
    byte as it was; load the deck again and put the old text back if anything new went wrong
    (compared with `errors_before`, the deck's errors before the change, as text) or if the card
    does not load with what was written."""
    path = folder / DECK_FILE
    before = path.read_bytes()
    text = before.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    rows = text.splitlines(keepends=True)
    item = _raw_cards(folder).get(card_id)
    if item is None:
        return f"card '{card_id}' not found in {DECK_FILE}"
    indent = item.key_marks["id"][1] - 1
    last = _block_end(rows, max(line for line, _ in item.key_marks.values()), indent)
    if rows[last - 1] and not rows[last - 1].endswith(("\n", "\r")):
        rows[last - 1] += newline
    rows[last:last] = [" " * indent + f"{key}: {_scalar(value)}{newline}" for key, value in lines.items()]
    if errors_before is None:
        errors_before = {str(p) for p in load_deck(folder).errors}
    _write_atomically(path, "".join(rows).encode("utf-8"))
    after = load_deck(folder)
    new = [p for p in after.errors if str(p) not in errors_before]
    card = next((c for c in after.deck.cards if c.id == card_id), None) if after.deck else None
    missing = card is None or ("image" in lines and card.image is None) or \
        ("wikidata" in lines and card.wikidata != lines["wikidata"])
    if new or missing:
        _write_atomically(path, before)
        why = new[0].message if new else f"the card did not load with its {', '.join(lines)}"
        return f"could not add {', '.join(lines)} to {DECK_FILE} ({why}); the file is unchanged"
    return None


def _scalar(value: str) -> str:
    """A Wikidata id as the deck writes it (wikidata: Q937); any other text quoted, as JSON is valid YAML."""
    return value if re.fullmatch(r"Q[1-9]\d*", value) else json.dumps(value, ensure_ascii=False)


def _block_end(rows: list[str], last_key_line: int, indent: int) -> int:
    """The line number (1-based) of the last line of the value that starts on `last_key_line`: the lines
    after it that are indented deeper, or list items at the key's own indent, belong to it."""
    end = last_key_line
    for number in range(last_key_line + 1, len(rows) + 1):
        row = rows[number - 1]
        stripped = row.strip()
        depth = len(row) - len(row.lstrip(" "))
        if not stripped or stripped.startswith("#"):
            continue
        if depth > indent or (depth == indent and stripped.startswith("- ")):
            end = number
        else:
            break
    return end


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def summary(outcomes: list[Outcome]) -> list[str]:
    """What happened, card by card (except the ones already done), then the counts."""
    lines = [f"  {o.card_id}: {o.status}: {o.message}" for o in outcomes if o.status != "done"]
    counts = {status: sum(o.status == status for o in outcomes) for status in ("fetched", "done", "skipped", "problem")}
    items = sum(bool(o.item) for o in outcomes)
    lines.append(f"{counts['fetched']} fetched, {counts['done']} already had an image, {counts['skipped']} skipped "
                 f"(no free image), {counts['problem']} to check"
                 + (f"; {items} Wikidata items found through the cards' Wikipedia articles" if items else ""))
    return lines


__all__ = ["Client", "DEFAULT_SERVICES", "FetchError", "NoConnection", "Outcome", "Services", "fetch_portraits",
           "free_licence", "same_name", "summary", "user_agent", "wikipedia_article", "write_card_lines"]
