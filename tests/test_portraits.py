"""`main.py portraits` against a local fake of Wikidata and Wikimedia Commons (loopback only), answering
in the shapes the real services use (see the docstring of game/portraits.py for where they come from)."""

from __future__ import annotations

import gzip
import io
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from game import portraits
from game.cli import main
from game.decks import load_deck
from game.portraits import Client, NoConnection, Services, fetch_portraits

IDS = {"ada-example": "Q101", "boris-sample": "Q102", "chloe-demo": "Q103", "dara-test": "Q104"}


def person(qid, label, born, image=None, precision=11, aliases=(), rank="normal", instance="Q5"):
    """An item as wbgetentities gives it with props=labels|aliases|claims&languages=en."""
    def statement(prop, datavalue, datatype):
        return {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": datavalue, "datatype": datatype},
                "type": "statement", "id": f"{qid}$X", "rank": rank}
    claims = {"P569": [statement("P569", {"value": {"time": f"+{born:04d}-03-14T00:00:00Z", "timezone": 0,
                                                    "before": 0, "after": 0, "precision": precision,
                                                    "calendarmodel": "http://www.wikidata.org/entity/Q1985727"},
                                          "type": "time"}, "time")]}
    claims["P31"] = [statement("P31", {"value": {"entity-type": "item", "numeric-id": int(instance[1:]), "id": instance},
                                       "type": "wikibase-entityid"}, "wikibase-item")]
    if image:
        claims["P18"] = [statement("P18", {"value": image, "type": "string"}, "commonsMedia")]
    return {"pageid": 1, "ns": 0, "title": qid, "type": "item", "id": qid,
            "labels": {"en": {"language": "en", "value": label}},
            "aliases": {"en": [{"language": "en", "value": a} for a in aliases]}, "claims": claims}


def commons_file(licence="CC BY-SA 4.0", code="cc-by-sa-4.0",
                 artist='<a href="//commons.wikimedia.org/wiki/User:Jo" title="User:Jo">Jo Photo</a>',
                 width=1200, height=1600):
    meta = {"Artist": {"value": artist, "source": "commons-desc-page"},
            "LicenseShortName": {"value": licence, "source": "commons-desc-page", "hidden": ""},
            "License": {"value": code, "source": "commons-templates", "hidden": ""},
            "LicenseUrl": {"value": "https://creativecommons.org/licenses/by-sa/4.0", "source": "commons-desc-page"}}
    return {"width": width, "height": height, "size": 123456, "mime": "image/jpeg", "extmetadata": meta}


class FakeWikimedia:
    """Wikidata's and Commons' api.php and the thumbnail server, on 127.0.0.1, with faults on demand."""

    def __init__(self):
        self.entities: dict[str, dict] = {}
        self.articles: dict[tuple[str, str], str] = {}   # (site, page title) -> the item it links to
        self.redirects: dict[str, str] = {}              # a page title -> the article it redirects to
        self.files: dict[str, dict] = {}
        self.broken_thumbs: set[str] = set()
        self.faults: dict[str, list] = {"wikidata": [], "commons": [], "thumbs": []}
        self.log: list[tuple[str, dict, dict]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                kind = parts.path.split("/")[1]
                query = dict(urllib.parse.parse_qsl(parts.query))
                fake.log.append((kind, query, dict(self.headers)))
                if fake.faults.get(kind):
                    fault = fake.faults[kind].pop(0)
                    if fault[0] == "status":
                        self.send_response(fault[1])
                        if len(fault) > 2:
                            self.send_header("Retry-After", str(fault[2]))
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    if fault[0] == "slow":
                        time.sleep(fault[1])
                    if fault[0] == "maxlag":
                        return self.answer({"error": {"code": "maxlag", "info": "Waiting for db1: 7 seconds lagged",
                                                      "host": "db1", "lag": 7}}, {"Retry-After": "5"})
                if kind == "wikidata":
                    return self.answer(fake.wbgetentities(query))
                if kind == "commons":
                    return self.answer(fake.imageinfo(query))
                name = urllib.parse.unquote(parts.path.split("/", 2)[2])
                self.thumbnail(name)

            def answer(self, data, headers=()):
                body = gzip.compress(json.dumps(data).encode())
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Encoding", "gzip")
                for key, value in dict(headers).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def thumbnail(self, name):
                match = re.fullmatch(r"(\d+)x(\d+)px-(.+)", name)
                if not match or match[3] not in fake.files:
                    self.send_error(404)
                    return
                buffer = io.BytesIO()
                Image.new("RGB", (int(match[1]), int(match[2])), (90, 60, 30)).save(buffer, "JPEG")
                body = buffer.getvalue()[:300] if match[3] in fake.broken_thumbs else buffer.getvalue()
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.services = Services(f"{self.base}/wikidata/w/api.php", f"{self.base}/commons/w/api.php", ("127.0.0.1",))
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def wbgetentities(self, query):
        if "ids" in query:
            return {"entities": {qid: self.entities.get(qid, {"id": qid, "missing": ""})
                                 for qid in query["ids"].split("|")}, "success": 1}
        site, entities = query["sites"], {}
        for number, title in enumerate(query["titles"].split("|"), 1):    # by the pages' sitelinks
            title = self.redirects.get(title, title)            # answered under the article's own title
            qid = self.articles.get((site, title))
            if qid in self.entities:
                entities[qid] = {**self.entities[qid],
                                 "sitelinks": {site: {"site": site, "title": title, "badges": []}}}
            else:
                entities[str(-number)] = {"site": site, "title": title, "missing": ""}
        return {"entities": entities, "success": 1}

    def imageinfo(self, query):
        width = int(query["iiurlwidth"])
        normalized, pages = [], {}
        for number, title in enumerate(query["titles"].split("|"), 1):
            canonical = title.replace("_", " ")
            if canonical != title:
                normalized.append({"from": title, "to": canonical})
            name = canonical.removeprefix("File:")
            file = self.files.get(name)
            if file is None:
                pages[str(-number)] = {"ns": 6, "title": canonical, "missing": "", "imagerepository": ""}
                continue
            thumb_w = min(width, file["width"])
            thumb_h = round(file["height"] * thumb_w / file["width"])
            path = urllib.parse.quote(f"{thumb_w}x{thumb_h}px-{name}")
            pages[str(1000 + number)] = {"pageid": 1000 + number, "ns": 6, "title": canonical,
                                         "imagerepository": "local", "imageinfo": [{
                                             **file, "thumburl": f"{self.base}/thumbs/{path}",
                                             "thumbwidth": thumb_w, "thumbheight": thumb_h,
                                             "url": f"{self.base}/originals/{path}",
                                             "descriptionurl": "https://commons.wikimedia.org/wiki/File:"
                                                               + canonical[5:].replace(" ", "_"),
                                             "descriptionshorturl": "https://commons.wikimedia.org/w/index.php?curid=1"}]}
        result = {"batchcomplete": "", "query": {"pages": pages}}
        if normalized:
            result["query"]["normalized"] = normalized
        return result

    def requests(self, kind):
        return [query for logged, query, _ in self.log if logged == kind]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    service = FakeWikimedia()
    service.entities = {"Q101": person("Q101", "Ada Example", 1950, "Ada_Example 1990.jpg"),
                        "Q102": person("Q102", "Boris Sample", 1931, "Boris Sample.png"),
                        "Q103": person("Q103", "Chloe Demo", 1988, "Chloé Demo.jpg"),
                        "Q104": person("Q104", "Dara Test", 1975, "Dara Test.jpg")}
    service.files = {"Ada Example 1990.jpg": commons_file(),
                     "Boris Sample.png": commons_file("Public domain", "pd", artist=""),
                     "Chloé Demo.jpg": commons_file("CC BY 2.0", "cc-by-2.0", width=3000, height=1500),
                     "Dara Test.jpg": commons_file("CC0", "cc0")}
    yield service
    service.close()


@pytest.fixture
def deck(sample_copy):
    """The sample deck with a Wikidata item on every card, and a comment that must survive."""
    path = sample_copy / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    for card_id, qid in IDS.items():
        text = text.replace(f"  - id: {card_id}\n", f"  - id: {card_id}\n    wikidata: {qid}\n")
    text = text.replace("    tags: [fictional]\n", "    tags: [fictional]   # keep this comment\n")
    path.write_text(text, encoding="utf-8")
    return sample_copy


def client(**options):
    settings = {"timeout": 0.5, "attempts": 3, "pause": 0, "sleep": options.pop("sleep", lambda s: None)}
    return Client("TheUnKnown-tests/1 (test; contact: tests@example.org)", **{**settings, **options})


def by_card(outcomes):
    return {o.card_id: o for o in outcomes}


def test_a_run_fetches_free_portraits_and_credits_them_without_touching_the_rest(fake, deck):
    before = (deck / "deck.yaml").read_text(encoding="utf-8")
    outcomes = by_card(fetch_portraits(deck, client(), fake.services))
    assert {o.status for o in outcomes.values()} == {"fetched"}, outcomes
    after = (deck / "deck.yaml").read_text(encoding="utf-8")
    kept = [line for line in after.splitlines(keepends=True) if not line.lstrip().startswith("image")]
    assert "".join(kept) == before  # only whole lines were added: comments and layout are as they were
    loaded = load_deck(deck)
    assert not loaded.errors, loaded.errors
    ada = loaded.deck.card("ada-example")
    assert ada.image == (deck / "portraits" / "ada-example.jpg").resolve()
    assert (ada.image_credit, ada.image_license) == ("Jo Photo", "CC BY-SA 4.0")  # HTML of the author removed
    assert ada.image_source == "https://commons.wikimedia.org/wiki/File:Ada_Example_1990.jpg"
    assert loaded.deck.card("boris-sample").image_credit == "unknown author"   # public domain, author unknown
    assert loaded.deck.card("boris-sample").image_license == "Public domain"
    # one request for all items, one for all files, one more for the wide picture, one download per card
    assert len(fake.requests("wikidata")) == 1 and fake.requests("wikidata")[0]["ids"] == "Q101|Q102|Q103|Q104"
    assert len(fake.requests("commons")) == 2 and len(fake.requests("thumbs")) == 4


def test_requests_are_polite(fake, deck):
    fetch_portraits(deck, client(), fake.services)
    for kind, query, headers in fake.log:
        assert headers["User-Agent"].startswith("TheUnKnown-tests/1") and "gzip" in headers["Accept-Encoding"]
        if kind != "thumbs":
            assert query["maxlag"] == "5" and query["format"] == "json"
    assert fake.requests("commons")[0]["iiurlwidth"] == str(portraits.BOX_PX[0])


def test_the_thumbnail_is_large_enough_for_print(fake, deck):
    """Cropping a picture to the portrait box keeps its full height: a wide one needs a wider thumbnail."""
    assert portraits.BOX_PX == (640, 520)  # 54.2 x 44 mm at 300 dpi
    fetch_portraits(deck, client(), fake.services)
    with Image.open(deck / "portraits" / "ada-example.jpg") as portrait:    # 3:4 portrait: width decides
        assert portrait.size == (640, 853)
    with Image.open(deck / "portraits" / "chloe-demo.jpg") as wide:        # 2:1: height decides
        assert wide.height >= portraits.BOX_PX[1]


def test_a_low_resolution_original_is_fetched_with_a_warning(fake, deck):
    fake.files["Dara Test.jpg"] = commons_file("CC0", "cc0", width=300, height=400)
    outcome = by_card(fetch_portraits(deck, client(), fake.services))["dara-test"]
    assert outcome.status == "fetched" and "only 141 dpi" in outcome.message


@pytest.mark.parametrize("fault, expected_wait", [(("status", 503, 7), 7), (("status", 429, 3), 3),
                                                  (("status", 502), 2), (("maxlag",), 5)])
def test_busy_servers_are_retried_with_backoff_honouring_retry_after(fake, deck, fault, expected_wait):
    waits = []
    fake.faults["wikidata"] = [fault]
    outcomes = fetch_portraits(deck, client(sleep=waits.append, backoff=2.0), fake.services)
    assert all(o.status == "fetched" for o in outcomes)
    assert waits == [expected_wait] and len(fake.requests("wikidata")) == 2


def test_waits_grow_exponentially_and_a_dead_service_is_reported(fake, deck):
    waits = []
    fake.faults["commons"] = [("status", 500)] * 3
    outcomes = fetch_portraits(deck, client(sleep=waits.append, attempts=3, backoff=1.0), fake.services)
    assert waits == [1.0, 2.0]
    assert {o.status for o in outcomes} == {"problem"}
    assert "HTTP 500" in outcomes[0].message and "tried 3 times" in outcomes[0].message
    assert not (deck / "portraits").exists() and "image:" not in (deck / "deck.yaml").read_text(encoding="utf-8")


def test_a_timeout_is_retried(fake, deck):
    fake.faults["wikidata"] = [("slow", 0.6)]
    outcomes = fetch_portraits(deck, client(timeout=0.2), fake.services)
    assert all(o.status == "fetched" for o in outcomes)
    assert len(fake.requests("wikidata")) == 2


def test_a_client_error_is_not_retried(fake, deck):
    fake.faults["thumbs"] = [("status", 404)]
    outcomes = by_card(fetch_portraits(deck, client(), fake.services))
    assert outcomes["ada-example"].status == "problem" and "HTTP 404" in outcomes["ada-example"].message
    assert outcomes["boris-sample"].status == "fetched"
    assert len(fake.requests("thumbs")) == 4


def test_no_connection_stops_the_run_with_a_clear_message(deck):
    closed = FakeWikimedia()
    services = closed.services
    closed.close()
    with pytest.raises(NoConnection, match="needs an internet connection"):
        fetch_portraits(deck, client(), services)


@pytest.mark.parametrize("change, card, status, fragment", [
    (lambda f: f.entities.pop("Q101"), "ada-example", "problem", "Wikidata has no item Q101"),
    (lambda f: f.entities.update(Q101=person("Q101", "Ada Lovelace", 1950, "x.jpg")), "ada-example", "problem",
     "Q101 is 'Ada Lovelace', not 'Ada Example'"),
    (lambda f: f.entities.update(Q101=person("Q101", "Ada Example", 1815, "x.jpg")), "ada-example", "problem",
     "Q101 gives 1815 as the year of birth, the card says 1950"),
    (lambda f: f.entities.update(Q101=person("Q101", "Ada Example", 1950, "x.jpg", precision=8)), "ada-example",
     "problem", "Q101 gives no year of birth"),
    (lambda f: f.entities.update(Q101=person("Q101", "Ada Example", 1950)), "ada-example", "skipped",
     "Q101 has no image on Wikidata"),
    (lambda f: f.files.pop("Ada Example 1990.jpg"), "ada-example", "problem", "Commons has no file"),
    (lambda f: f.files.update({"Ada Example 1990.jpg": commons_file("CC BY-NC-SA 2.0", "cc-by-nc-sa-2.0")}),
     "ada-example", "skipped", "is CC BY-NC-SA 2.0: not a free licence"),
    (lambda f: f.files.update({"Ada Example 1990.jpg": commons_file("GFDL", "gfdl")}),
     "ada-example", "skipped", "is GFDL: not a free licence"),
    (lambda f: f.files.update({"Ada Example 1990.jpg": commons_file(artist="")}),
     "ada-example", "skipped", "names no author"),
    (lambda f: f.entities.update(Q101=person("Q101", "Ada Example", 1950, "x.jpg", instance="Q11424")), "ada-example",
     "problem", "Q101 is not a person on Wikidata"),                          # a film of the same name
    (lambda f: f.broken_thumbs.add("Ada Example 1990.jpg"), "ada-example", "problem",
     "cannot be used: 'ada-example.jpg' is damaged"),
])
def test_what_cannot_be_used_is_reported_and_nothing_is_written_for_it(fake, deck, change, card, status, fragment):
    change(fake)
    outcomes = by_card(fetch_portraits(deck, client(), fake.services))
    assert outcomes[card].status == status and fragment in outcomes[card].message, outcomes[card]
    assert not list((deck / "portraits").glob(f"{card}.*"))
    assert load_deck(deck).deck.card(card).image is None
    others = [o for o in outcomes.values() if o.card_id != card]
    assert {o.status for o in others} == {"fetched"}


def test_a_name_written_differently_still_matches():
    assert portraits.same_name("Marie Skłodowska-Curie", ["Marie Curie"])
    assert portraits.same_name("Lupita Nyong’o", ["Lupita Nyong'o"])
    assert portraits.same_name("CZESŁAW MIŁOSZ", ["Czesław Miłosz"])
    assert not portraits.same_name("Albert Einstein", ["Alfred Einstein"])
    assert not portraits.same_name("Madonna", ["Madonna Louise Ciccone"])  # one word: only an exact match
    assert portraits.same_name("Christo", ["Christo Vladimirov Javacheff", "Christo"])  # aliases count too


def test_an_interrupted_run_resumes_where_it_stopped(fake, deck):
    def stop_after_first(done, total):
        if done == 1:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        fetch_portraits(deck, client(), fake.services, progress=stop_after_first)
    assert [p.name for p in (deck / "portraits").iterdir()] == ["ada-example.jpg"]  # no half-written files
    fake.log.clear()
    outcomes = by_card(fetch_portraits(deck, client(), fake.services))
    assert outcomes["ada-example"].status == "done"
    assert {outcomes[c].status for c in ("boris-sample", "chloe-demo", "dara-test")} == {"fetched"}
    assert "Q101" not in fake.requests("wikidata")[0]["ids"] and len(fake.requests("thumbs")) == 3
    assert not load_deck(deck).errors


def test_lines_that_would_break_the_deck_are_rolled_back(fake, deck):
    """A hand-written image_credit without an image makes the inserted one a duplicate key."""
    path = deck / "deck.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    born: 1931\n", "    born: 1931\n"
                                                             "    image_credit: old note\n"), encoding="utf-8")
    before = path.read_bytes()
    outcome = by_card(fetch_portraits(deck, client(), fake.services, only=["boris-sample"]))["boris-sample"]
    assert outcome.status == "problem" and "the file is unchanged" in outcome.message
    assert path.read_bytes() == before and not list((deck / "portraits").glob("boris-sample.*"))


def test_the_command_prints_a_summary_and_fails_when_something_needs_checking(fake, deck, monkeypatch, capsys):
    monkeypatch.setattr(portraits, "DEFAULT_SERVICES", fake.services)
    monkeypatch.setattr(portraits, "Client", lambda agent: client())
    fake.entities["Q104"] = person("Q104", "Dara Test", 1976, "Dara Test.jpg")
    assert main(["portraits", str(deck), "--contact", "me@example.org"]) == 1
    out = capsys.readouterr().out
    assert "dara-test: problem: Q104 gives 1976 as the year of birth, the card says 1975" in out
    assert "3 fetched, 0 already had an image, 0 skipped (no free image), 1 to check" in out
    fake.entities["Q104"] = person("Q104", "Dara Test", 1975, "Dara Test.jpg")
    assert main(["portraits", str(deck)]) == 0
    assert "1 fetched, 3 already had an image" in capsys.readouterr().out


def test_unknown_cards_are_refused(fake, deck):
    with pytest.raises(Exception, match="no card nobody"):
        fetch_portraits(deck, client(), fake.services, only=["nobody"])


@pytest.fixture
def article_deck(sample_copy):
    """The sample deck without items: each card's source is its (made-up) Wikipedia article instead."""
    path = sample_copy / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    for card_id in IDS:
        title = card_id.replace("-", "_").title()
        text = text.replace(f"source: https://example.org/{card_id}", f"source: https://en.wikipedia.org/wiki/{title}")
    text = text.replace("    tags: [fictional]\n", "    tags: [fictional]   # keep this comment\n")
    path.write_text(text, encoding="utf-8")
    return sample_copy


def test_a_card_without_an_item_gets_it_from_its_wikipedia_article(fake, article_deck):
    fake.articles = {("enwiki", card_id.replace("-", " ").title()): qid for card_id, qid in IDS.items()}
    before = (article_deck / "deck.yaml").read_text(encoding="utf-8")
    outcomes = by_card(fetch_portraits(article_deck, client(), fake.services))
    assert {o.status for o in outcomes.values()} == {"fetched"}, outcomes
    assert outcomes["ada-example"].item == "Q101" and "found through its Wikipedia article" in outcomes["ada-example"].message
    loaded = load_deck(article_deck)
    assert not loaded.errors and {c.id: c.wikidata for c in loaded.deck.cards} == IDS
    after = (article_deck / "deck.yaml").read_text(encoding="utf-8")
    assert "    wikidata: Q101\n" in after                                  # written as the deck writes ids
    kept = [line for line in after.splitlines(keepends=True) if not line.lstrip().startswith(("image", "wikidata"))]
    assert "".join(kept) == before
    asked = fake.requests("wikidata")[0]
    assert asked["sites"] == "enwiki" and asked["titles"].split("|")[0] == "Ada Example"
    assert len(fake.requests("wikidata")) == 1               # the article's answer already holds the item
    assert "4 Wikidata items found through the cards' Wikipedia articles" in portraits.summary(list(outcomes.values()))[-1]


@pytest.mark.parametrize("entity, fragment", [
    (person("Q900", "Ada Example and Boris Sample", 1950, "x.jpg", instance="Q10648343"),   # a duo
     "Q900 is not a person on Wikidata (not an instance of human, Q5); it is the item of the enwiki article "
     "'Ada Example', which may be about someone else"),
    (person("Q900", "Ada Lovelace", 1950, "x.jpg"), "Q900 is 'Ada Lovelace', not 'Ada Example'"),
    (person("Q900", "Ada Example", 1912, "x.jpg"), "Q900 gives 1912 as the year of birth, the card says 1950"),
    (None, "Wikidata has no item for the enwiki article 'Ada Example'"),
])
def test_an_article_whose_item_is_not_this_person_writes_nothing(fake, article_deck, entity, fragment):
    """The article may be about a pair, a band or a namesake: an id is never guessed."""
    if entity:
        fake.entities["Q900"] = entity
        fake.articles[("enwiki", "Ada Example")] = "Q900"
    outcome = by_card(fetch_portraits(article_deck, client(), fake.services, only=["ada-example"]))["ada-example"]
    assert outcome.status == "problem" and fragment in outcome.message and not outcome.item, outcome
    assert "wikidata" not in (article_deck / "deck.yaml").read_text(encoding="utf-8")


def test_an_article_under_another_title_is_asked_about_alone(fake, article_deck):
    """A card may cite a redirect ("Ada_Example" for "Ada Example (chemist)"): the batch answers under
    the article's own title, so that card is asked again by itself."""
    fake.articles = {("enwiki", card_id.replace("-", " ").title()): qid for card_id, qid in IDS.items()}
    fake.articles[("enwiki", "Ada Example (chemist)")] = fake.articles.pop(("enwiki", "Ada Example"))
    fake.redirects["Ada Example"] = "Ada Example (chemist)"
    outcomes = by_card(fetch_portraits(article_deck, client(), fake.services))
    assert {o.item for o in outcomes.values()} == set(IDS.values()), outcomes
    alone = fake.requests("wikidata")[1]
    assert alone["titles"] == "Ada Example" and alone["normalize"] == "1" and len(fake.requests("wikidata")) == 2


def test_an_item_without_a_free_image_is_still_written(fake, article_deck):
    fake.entities["Q101"] = person("Q101", "Ada Example", 1950)          # no P18
    fake.articles[("enwiki", "Ada Example")] = "Q101"
    outcome = by_card(fetch_portraits(article_deck, client(), fake.services, only=["ada-example"]))["ada-example"]
    assert outcome.status == "skipped" and outcome.item == "Q101"
    assert load_deck(article_deck).deck.card("ada-example").wikidata == "Q101"


@pytest.mark.parametrize("url, article", [
    ("https://en.wikipedia.org/wiki/Kalpana_Chawla", ("enwiki", "Kalpana Chawla")),
    ("https://en.m.wikipedia.org/wiki/Fr%C3%A9d%C3%A9ric_Chopin", ("enwiki", "Frédéric Chopin")),
    ("https://bg.wikipedia.org/wiki/%D0%98%D0%B2%D0%B0%D0%BD_%D0%92%D0%B0%D0%B7%D0%BE%D0%B2", ("bgwiki", "Иван Вазов")),
    ("https://en.wikipedia.org/wiki/M.I.A._(rapper)#Early_life", ("enwiki", "M.I.A. (rapper)")),
    ("https://zh-yue.wikipedia.org/wiki/x", ("zh_yuewiki", "X")),
    ("https://www.britannica.com/biography/Carl-Djerassi", None),
    ("https://en.wikipedia.org/w/index.php?title=Kalpana_Chawla", None),
    ("https://wikipedia.org.example.com/wiki/Kalpana_Chawla", None),
])
def test_the_wikipedia_article_of_a_card(url, article):
    card = type("Card", (), {"source": url, "sources": ()})()
    assert portraits.wikipedia_article(card) == article


def test_an_installed_games_deck_is_fetched_into_the_users_own_copy(fake, deck, tmp_path, monkeypatch, capsys):
    """The bundled deck of an installed game is replaced on every upgrade: the photos go to a copy
    in the user's decks folder, which the game shows from then on."""
    from game import bundled, cli
    from game.app import Context
    from game.store import Store
    monkeypatch.setattr(portraits, "DEFAULT_SERVICES", fake.services)
    monkeypatch.setattr(portraits, "Client", lambda agent: client())
    monkeypatch.setattr(cli, "BUNDLED_DECKS", deck.parent)
    monkeypatch.setattr(bundled, "installed", lambda path: deck.parent in path.resolve().parents)
    monkeypatch.setenv("THE_UNKNOWN_DATA", str(tmp_path / "data"))
    shipped = (deck / "deck.yaml").read_bytes()
    assert main(["portraits", "sample", "--contact", "me@example.org"]) == 0
    copy = tmp_path / "data" / "decks" / "sample"
    assert f"your copy is {copy}" in capsys.readouterr().out
    assert (deck / "deck.yaml").read_bytes() == shipped and not (deck / "portraits").exists()
    assert load_deck(copy).deck.card("ada-example").image == (copy / "portraits" / "ada-example.jpg").resolve()
    shown = Context.load([deck.parent, copy.parent], Store(tmp_path / "data")).decks
    assert [r.path for r in shown] == [copy]                              # the game shows the copy
    assert main(["portraits", "sample"]) == 0                            # and the next run finds it again
    assert "4 already had an image" in capsys.readouterr().out
