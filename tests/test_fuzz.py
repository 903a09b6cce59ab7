"""Fuzz: real deck files, presets and autosaves, mutated by a seeded generator (review: reliability).

Each case runs in its own process under a memory cap (RLIMIT_AS) and a CPU cap (RLIMIT_CPU), and
within a wall-clock bound: `validate` must exit 0 or 1, and the start screen, a round's face and
reveal screens (headless) and a PDF export must finish, never with a traceback. The whole test
stops starting new cases after FUZZ_SECONDS (default 45 s); a failure names its seed, so
`FUZZ_SEED=<seed> pytest tests/test_fuzz.py` replays it.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from game.decks import load_deck
from game.rules import Rules, next_step, start
from game.store import Store
from tests.conftest import PROJECT, SAMPLE_DECK

BUDGET = float(os.environ.get("FUZZ_SECONDS", "45"))
MEMORY_CAP = 2 * 2**30      # bytes of address space per case
CPU_CAP = 40                # CPU seconds per case
WALL_CAP = 60               # seconds per case, including waiting for a CPU

DRIVER = r"""
import os, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[4]), int(sys.argv[4])))
resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[5]), int(sys.argv[5])))
decks, data, out = map(Path, sys.argv[1:4])
import pygame
from game.cli import main
from game.app import App, Context
from game.scenes.start import StartScene
from game.store import Store
from game import screenshots

code = main(["validate", str(decks / "fuzzed")])
assert code in (0, 1), f"validate exited {code}"
app = App(Context.load(decks, Store(data)), (640, 360))
app.push(StartScene(app))
app.step()

def press(name):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.key.key_code(name), mod=0, unicode=""))
    app.step()

for name in ["return"] * 4 + ["1", "return", "2", "return", "down", "return"]:
    press(name)   # resume or a new session: languages, teams, rules (the preset), face, reveal, ...
app.close()
for scene in ("start", "face", "reveal"):
    try:
        shot = screenshots.build(scene, decks, (640, 360), "en", None, "fuzzed")
    except screenshots.UserError:
        continue  # the fuzzed deck does not load: said, not crashed
    shot.close()
code = main(["export", str(decks / "fuzzed"), "--out", str(out)])
assert code in (0, 2), f"export exited {code}"
print("FUZZ-OK")
"""


def mutations(rng: random.Random):
    """Each takes the file's text and returns a damaged version of it."""
    def cut(text):
        a = rng.randrange(len(text) + 1)
        return text[:a] + text[a + rng.randrange(1, 200):]

    def truncate(text):
        return text[:rng.randrange(len(text) + 1)]

    def duplicate(text):
        a = rng.randrange(len(text) + 1)
        b = min(len(text), a + rng.randrange(1, 400))
        return text[:b] + text[a:b] + text[b:]

    def insert(text):
        pieces = ["\0", "\\0", '"\\0"', '"\\e[2J"', "\t", "\r", "\u202e", "\ufeff", "&a ", "*a ", "*zz ",
                  "!!python/object/apply:os.system [x] ", "{", "[", "]", "}", ": ", "- ", "'", '"', "---\n",
                  "9" * 5000, "x" * 20000, "é" * 3000, "آدا 😀", "\n  extra: 1\n", "<<: *a\n", "~: 1\n", "1: a\n"]
        a = rng.randrange(len(text) + 1)
        return text[:a] + rng.choice(pieces) + text[a:]

    def value(text):
        lines = text.splitlines(keepends=True)
        spots = [i for i, line in enumerate(lines) if ": " in line and not line.rstrip().endswith(":")]
        if not spots:
            return text
        named = [i for i in spots if "name:" in lines[i] or "title:" in lines[i]]
        i = rng.choice(named if named and rng.random() < 0.5 else spots)
        key = lines[i].split(": ", 1)[0]
        values = ["w" * 20000, "1" * 4400, "Ω" * 5000, repr(1e308), r'"Ada\0"', r'"\e]0;x\a"',
                  r'"\u202eAda"', r'"\N\L"', "*nothing"]
        lines[i] = f"{key}: {rng.choice(values)}\n"
        return "".join(lines)

    def alias_bomb(text):
        return text.replace("cards:", "x: &a [" + ",".join(["y" * 1000] * 50) + "]\nb: [" + ",".join(["*a"] * 400)
                            + "]\ncards:", 1)

    def nest(text):
        depth = rng.choice([30, 2000])
        return text.replace("cards:", "deep: " + "[" * depth + "]" * depth + "\ncards:", 1)

    def shuffle_lines(text):
        lines = text.splitlines(keepends=True)
        a = rng.randrange(len(lines))
        b = rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
        return "".join(lines)

    def indent(text):
        lines = text.splitlines(keepends=True)
        i = rng.randrange(len(lines))
        lines[i] = rng.choice(["  ", "\t", ""]) + lines[i].lstrip(" ") if rng.random() < 0.5 else " " + lines[i]
        return "".join(lines)

    def garbage(text):
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))).decode("latin-1")

    return [cut, truncate, duplicate, insert, insert, value, value, alias_bomb, nest, shuffle_lines, indent, garbage]


def autosave_mutations(rng: random.Random):
    def tweak(data):
        session = data["session"]
        key = rng.choice(sorted(session))
        session[key] = rng.choice([None, -1, 99, 10**30, "1", [], {}, 1e308, "x" * 100_000, [[]] * 1000,
                                   float("inf") if rng.random() < 0.5 else float("nan")])
        return json.dumps(data)

    def nested(data):
        depth = rng.choice([1000, 100_000])
        return json.dumps(data)[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"

    def version(data):
        data["version"] = rng.choice([0, 2, 99, "1", None])
        return json.dumps(data)

    return [tweak, tweak, nested, version]


def write_case(seed: int, root: Path) -> str:
    """A decks folder with the fuzzed deck beside an intact one, a preset and an autosave, mutated."""
    rng = random.Random(seed)
    decks, data = root / "decks", root / "data"
    shutil.copytree(SAMPLE_DECK, decks / "fuzzed")
    shutil.copytree(SAMPLE_DECK, decks / "intact")
    deck = load_deck(decks / "fuzzed").deck
    session = start(deck, Rules(mode=rng.choice(["unknown", "who", "fact", "story"])), ("A", "B"), "en", None,
                    seed=seed, now=1_700_000_000)
    for _ in range(rng.randrange(4)):
        session = next_step(session, now=1_700_000_010)
    Store(data).save(session)
    preset = data / "presets" / "fuzz.yaml"
    preset.parent.mkdir(parents=True)
    preset.write_text("name: Fuzz\nmode: who\ncards: 7\ntimer: 45\ncategories: [fled, moved]\n", encoding="utf-8")
    done = []
    for _ in range(rng.randrange(1, 4)):
        target = rng.choice(["deck.yaml", "en.yaml", "bg.yaml", "preset", "autosave"])
        if target == "autosave":
            change = rng.choice(autosave_mutations(rng))
            path = Store(data).autosave_path
            path.write_text(change(json.loads(json.dumps({"version": 1, "session": session.to_dict()}))),
                            encoding="utf-8")
        else:
            change = rng.choice(mutations(rng))
            path = preset if target == "preset" else decks / "fuzzed" / target
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            path.write_bytes(change(text).encode("utf-8", errors="surrogateescape"))
        done.append(f"{change.__name__}({target})")
    return ", ".join(done)


def run_case(seed: int, root: Path) -> tuple[int, str, str]:
    root.mkdir(parents=True)
    described = write_case(seed, root)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(PROJECT))
    try:
        result = subprocess.run([sys.executable, "-c", DRIVER, str(root / "decks"), str(root / "data"),
                                 str(root / "out.pdf"), str(MEMORY_CAP), str(CPU_CAP)],
                                cwd=PROJECT, env=env, capture_output=True, text=True, timeout=WALL_CAP)
    except subprocess.TimeoutExpired:
        return seed, described, f"did not finish in {WALL_CAP} s (a hang)"
    if result.returncode != 0 or "FUZZ-OK" not in result.stdout or "Traceback" in result.stderr:
        return seed, described, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    return seed, described, ""


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_mutated_decks_presets_and_autosaves_never_crash_hang_or_blow_up(tmp_path):
    first = int(os.environ.get("FUZZ_SEED", "1"))
    deadline = time.monotonic() + BUDGET
    failures, ran = [], 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        seeds = iter(range(first, first + 10_000))
        running = set()
        while True:
            while len(running) < 2 and time.monotonic() < deadline:
                seed = next(seeds)
                running.add(pool.submit(run_case, seed, tmp_path / str(seed)))
            if not running:
                break
            finished = next(f for f in running if f.done()) if any(f.done() for f in running) else None
            if finished is None:
                time.sleep(0.05)
                continue
            running.remove(finished)
            seed, described, problem = finished.result()
            ran += 1
            if problem:
                failures.append(f"seed {seed} [{described}]: {problem}")
    print(f"{ran} fuzz cases from seed {first}")
    assert ran >= 4, "too few fuzz cases ran to mean anything"
    assert not failures, "\n\n".join(failures)
