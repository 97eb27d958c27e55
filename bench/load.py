"""Load test: gunicorn on 127.0.0.1 under mixed traffic while `directory ingest` adds articles.

    .venv/bin/python bench/load.py [--seconds 60] [--clients 32] [--articles 500] [--corpus PATH]

Builds a fresh data folder with a seed set of synthetic articles, starts `directory serve
--production` on a free loopback port, then runs `--clients` client threads (spread over
`--client-procs` processes) of mixed search, profile,
article and export requests for `--seconds` while a `directory ingest` of `--articles` new
articles runs beside it. Prints requests/s, p50/p95/p99 latency and the error count (any 5xx,
connection failure or unexpected status), per request kind and overall. Every request goes to
127.0.0.1 only, and the run is bounded in time and in request count.

Cold mode, `--cold 100000`: no ingest; a directory of that many synthetic profiles (the invented
names, organizations and 20,000-word vocabulary of bench/search_speed.py, one article of three
quotes each) is built once through `store.save_extraction` and cached in
bench/.cache/cold-N; the clients then pick every profile and article uniformly from all of them
and search for one to three words drawn uniformly from the whole vocabulary, so almost nothing
they ask for was asked before: pages are rendered, answers searched, not remembered. It also
prints the server's memory (all its processes) before and after the traffic.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import queue
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# A hard cap on requests, whatever the duration, so a run can never grow unbounded.
MAX_REQUESTS = 2_000_000
CACHE = ROOT / "bench" / ".cache"
# Cold mode: the words searched for (set before the client processes fork), else SEARCH_TERMS.
COLD_VOCABULARY: list[str] = []
COLD_VERSION = "cold-1"

# ---------------------------------------------------------------------------------------------
# Synthetic articles: invented people, institutions and quotes, assembled from templates.
# ---------------------------------------------------------------------------------------------

GIVEN = [
    "Maria", "Anders", "Priya", "Tomasz", "Aiko", "Kwame", "Elena", "Rafael", "Ingrid",
    "Mehmet", "Sofia", "Daniel", "Leila", "Jonas", "Amara", "Henrik", "Chiara", "Mateo",
    "Yuki", "Olga", "Samuel", "Noor", "Felix", "Ana", "Viktor", "Hannah", "Omar", "Lucia",
    "Pieter", "Grace", "Tariq", "Freya", "Andrei", "Mei", "Lars", "Zainab", "Paolo", "Keiko",
    "Nadia", "Emil", "Rosa", "Idris", "Clara", "Bogdan",
]  # fmt: skip
FAMILY = [
    "Lindqvist", "Okafor", "Raman", "Kowalczyk", "Tanaka", "Mensah", "Petrova", "Alvarez",
    "Halvorsen", "Demir", "Marchetti", "Brenner", "Haddad", "Vogel", "Diallo", "Sorensen",
    "Romano", "Castillo", "Nakamura", "Ivanova", "Whitfield", "Rahman", "Keller", "Moreau",
    "Novak", "Fischer", "Aziz", "Serrano", "Dekker", "Osei", "Qureshi", "Lund", "Popescu",
    "Chen", "Berg", "Kaplan", "Ferreira", "Sato", "Haidari", "Strand", "Lorenz", "Mbeki",
    "Ortega", "Vasquez", "Hoffmann", "Kovacs", "Jensen", "Abara",
]  # fmt: skip
CITIES = [
    "Oslo", "Leeds", "Toronto", "Melbourne", "Lyon", "Utrecht", "Bologna", "Krakow", "Nairobi",
    "Osaka", "Boston", "Edinburgh", "Geneva", "Seville", "Gothenburg", "Accra", "Porto",
    "Vancouver", "Leipzig", "Dublin",
]  # fmt: skip
INSTITUTIONS = [
    ("University of {city}", "university"),
    ("{city} Institute of Technology", "university"),
    ("Centre for {topic} Studies", "think tank"),
    ("{city} School of Economics", "university"),
    ("Institute for {topic} Research", "institute"),
    ("{city} Policy Forum", "think tank"),
]
TOPICS = {
    "Energy": {
        "field": "Energy Policy",
        "roles": ["professor of energy economics", "senior fellow", "research director"],
        "headline": [
            "Grid operators brace for winter as {city} power prices climb",
            "Why the {city} battery plan has divided engineers",
        ],
        "quotes": [
            "Utilities have been warning about this shortfall for years",
            "The grid was built for a different century and it shows",
            "Storage is no longer the expensive part of the transition",
            "Prices will stay volatile until the interconnectors are finished",
        ],
        "reported": [
            "the new tariffs would push costs onto households that can least afford them",
            "the regulator had underestimated demand from data centres",
        ],
    },
    "Housing": {
        "field": "Urban Studies",
        "roles": ["professor of urban planning", "housing economist", "associate professor"],
        "headline": [
            "Rents in {city} rise again despite new building rules",
            "A quiet shift in how {city} plans its suburbs",
        ],
        "quotes": [
            "Supply responds slowly, and tenants feel every month of delay",
            "Zoning reform helps, but it is not a switch you flip",
            "We keep building the wrong homes in the wrong places",
            "Interest rates are doing more to housing than any policy",
        ],
        "reported": [
            "the vacancy figures hid a shortage of family-sized flats",
            "council planning departments were badly understaffed",
        ],
    },
    "Health": {
        "field": "Public Health",
        "roles": ["epidemiologist", "professor of public health", "consultant physician"],
        "headline": [
            "Hospitals in {city} report longest waits in a decade",
            "What the new vaccination figures say about {city}",
        ],
        "quotes": [
            "Waiting lists are a symptom, not the disease",
            "The data show a clear rise in admissions among older patients",
            "Prevention is cheaper, but its savings arrive after the next election",
            "We should be cautious about reading too much into one winter",
        ],
        "reported": [
            "staffing shortages explained most of the delays",
            "the outbreak had peaked earlier than models predicted",
        ],
    },
    "Trade": {
        "field": "International Trade",
        "roles": ["trade economist", "professor of international economics", "senior analyst"],
        "headline": [
            "Exporters in {city} weigh the cost of new tariffs",
            "Shipping delays test {city} manufacturers",
        ],
        "quotes": [
            "Tariffs are a tax that consumers end up paying",
            "Supply chains bend before they break, and they are bending now",
            "Smaller exporters have the least room to absorb the shock",
            "This agreement is more about politics than about trade volumes",
        ],
        "reported": [
            "the new rules would favour large firms with legal teams",
            "retaliation was likely within months",
        ],
    },
    "Technology": {
        "field": "Computer Science",
        "roles": ["professor of computer science", "AI researcher", "research fellow"],
        "headline": [
            "{city} start-ups race to build their own language models",
            "Regulators in {city} turn to algorithm audits",
        ],
        "quotes": [
            "These systems are only as good as the data behind them",
            "Audits without access to the models are theatre",
            "The hardest problems here are social, not technical",
            "Open models change who gets to do research at all",
        ],
        "reported": [
            "the proposed rules were too vague to enforce",
            "the benchmark results had been overstated",
        ],
    },
    "Climate": {
        "field": "Climate Science",
        "roles": ["climate scientist", "professor of atmospheric physics", "glaciologist"],
        "headline": [
            "Record heat puts {city} flood defences in question",
            "{city} scientists track the fastest glacier retreat on record",
        ],
        "quotes": [
            "The summers we call extreme will soon be ordinary",
            "Adaptation is now as urgent as cutting emissions",
            "Every tenth of a degree matters for the coastline",
            "The models were, if anything, too conservative",
        ],
        "reported": [
            "the drainage system was designed for rainfall that no longer occurs",
            "the monitoring network had too few stations in the north",
        ],
    },
}
OFFICIAL_ROLES = ["Finance Minister", "Mayor", "Health Minister", "Trade Secretary"]
OUTLETS = ["The Harbour Times", "Evening Ledger", "Northern Post", "Daily Courier"]


def _person(rng: random.Random, used: set[str]) -> str:
    """An invented full name not used before in this corpus."""
    while True:
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        if name not in used:
            used.add(name)
            return name


def make_experts(rng: random.Random, count: int) -> list[dict]:
    """A pool of invented experts, each with a field, a role and an institution."""
    used: set[str] = set()
    experts = []
    for _ in range(count):
        topic = rng.choice(sorted(TOPICS))
        spec = TOPICS[topic]
        city = rng.choice(CITIES)
        pattern, _kind = rng.choice(INSTITUTIONS)
        experts.append(
            {
                "name": _person(rng, used),
                "topic": topic,
                "role": rng.choice(spec["roles"]),
                "org": pattern.format(city=city, topic=topic),
                "pronoun": rng.choice(["she", "he"]),
                "city": city,
            }
        )
    return experts


def _expert_paragraphs(rng: random.Random, expert: dict, outlet: str) -> list[str]:
    """Two or three paragraphs quoting one expert, directly and indirectly."""
    spec = TOPICS[expert["topic"]]
    name, surname = expert["name"], expert["name"].split()[-1]
    first, second = rng.sample(spec["quotes"], 2)
    role = expert["role"]
    a_role = f"an {role}" if role[0] in "aeiou" else f"a {role}"
    intro = rng.choice(
        [
            f'"{first}," said {name}, {a_role} at the {expert["org"]}.',
            f"{name}, a {expert['role']} at the {expert['org']} in {expert['city']}, "
            f'said: "{first}."',
            f'"{first}," {name}, {a_role} at the {expert["org"]}, told {outlet}.',
        ]
    )
    later = rng.choice(
        [
            f'"{second}," {surname} added.',
            f"{surname} said that {rng.choice(spec['reported'])}. "
            f'"{second}," {expert["pronoun"]} said.',
            f'"{second}," said {surname}, who has studied the question for {rng.randint(5, 30)} '
            "years.",
        ]
    )
    return [intro, later]


def make_articles(count: int, *, seed: int = 7, experts: int = 150) -> list[dict]:
    """`count` synthetic news articles as JSON-lines records (text, title, outlet, published)."""
    rng = random.Random(seed)
    pool = make_experts(random.Random(1), experts)
    officials = make_experts(random.Random(2), 20)
    articles = []
    for number in range(count):
        topic = rng.choice(sorted(TOPICS))
        spec = TOPICS[topic]
        city = rng.choice(CITIES)
        outlet = rng.choice(OUTLETS)
        quoted = rng.sample([e for e in pool if e["topic"] == topic], rng.randint(1, 3))
        official = rng.choice(officials)
        role = rng.choice(OFFICIAL_ROLES)
        lead = (
            f"{city} ({outlet}) - {topic} has become the question nobody in {city} can avoid "
            f"this week, after figures published on {rng.choice(['Monday', 'Tuesday', 'Friday'])}"
            f" showed a change of {rng.randint(3, 19)} per cent on last year."
        )
        paragraphs = [lead]
        for expert in quoted:
            paragraphs.extend(_expert_paragraphs(rng, expert, outlet))
        paragraphs.append(
            f'{role} {official["name"]} said in a statement that the government "will act '
            f'where it must" and that {rng.choice(spec["reported"])}.'
        )
        paragraphs.append(
            f"The figures will be reviewed again in {rng.choice(['March', 'June', 'October'])}"
            f" (report no. {number})."
        )
        articles.append(
            {
                "id": f"synthetic-{seed}-{number}",
                "title": rng.choice(spec["headline"]).format(city=city),
                "outlet": outlet,
                "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text": "\n\n".join(paragraphs),
            }
        )
    return articles


def write_jsonl(articles: list[dict], path: Path) -> Path:
    """Write articles as one JSON-lines file."""
    with open(path, "w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------------------------------------
# The server and the ingest beside it.
# ---------------------------------------------------------------------------------------------


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def directory_cmd(data: Path, *args: str) -> list[str]:
    """The `directory` command line for this interpreter."""
    return [PYTHON, "-m", "directory", "--data", str(data), *args]


def start_server(
    data: Path, port: int, workers: int, rate_limit: str, log_path: Path, front: str = "auto"
):
    """Start `directory serve --production` and wait until /healthz answers."""
    env = dict(
        os.environ,
        DIRECTORY_RATELIMIT_API=rate_limit,
        DIRECTORY_RATELIMIT_SEARCH=rate_limit,
        DIRECTORY_RATELIMIT_CSV=rate_limit,
    )
    log = open(log_path, "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    proc = subprocess.Popen(
        directory_cmd(
            data,
            "serve",
            "--production",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--front",
            front,
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}; see {log_path}")
        try:
            status, _ = fetch(port, "/healthz")
            if status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server did not answer /healthz within 60 s; see {log_path}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a process we started: TERM, then KILL after 15 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cpu_seconds(root_pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(stat.parent.name), int(fields[1])
        if root_pid in (pid, ppid):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def fetch(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    """One GET on a fresh connection."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------
# The client: threads with keep-alive connections, each request timed.
# ---------------------------------------------------------------------------------------------

SEARCH_TERMS = [
    "energy", "housing", "public health", "trade", "climate", "computer science", "professor",
    "senior fellow", "epidemiologist", "tariffs", "Oslo", "Leeds", "University", "Institute",
    "economist", "glacier", "zoning", "grid", "AI researcher", "research director",
]  # fmt: skip
MIX = [
    ("search_page", 3),
    ("api_search", 3),
    ("profile_page", 3),
    ("profile_json", 2),
    ("article_page", 2),
    ("export", 2),
]


class Targets:
    """The slugs and article ids the clients pick from, grown as the ingest adds profiles."""

    def __init__(self, slugs: list[str], articles: list[str]):
        self.lock = threading.Lock()
        self.slugs = list(dict.fromkeys(slugs))
        self.articles = list(dict.fromkeys(articles))

    def add(self, slugs, articles) -> None:
        """Add newly seen slugs and article ids."""
        with self.lock:
            self.slugs = list(dict.fromkeys([*self.slugs, *slugs]))
            self.articles = list(dict.fromkeys([*self.articles, *articles]))

    def pick(self, rng: random.Random) -> tuple[str, str]:
        """A random slug and article id."""
        with self.lock:
            return rng.choice(self.slugs), rng.choice(self.articles)

    def save(self, path: Path) -> None:
        """Write the targets for the client processes (replaced atomically)."""
        with self.lock:
            payload = json.dumps({"slugs": self.slugs, "articles": self.articles})
        tmp = path.with_suffix(".tmp")
        tmp.write_text(payload)
        os.replace(tmp, path)

    def follow(self, path: Path, stop_at: float) -> None:
        """In a client process: take up the targets the parent discovers, once a second."""
        while time.monotonic() < stop_at:
            try:
                payload = json.loads(path.read_text())
                self.add(payload["slugs"], payload["articles"])
            except (OSError, ValueError):
                pass
            time.sleep(1)


def request_path(kind: str, rng: random.Random, targets: Targets) -> str:
    """The path of one request of `kind`."""
    slug, article = targets.pick(rng)
    if COLD_VOCABULARY:
        words = " ".join(rng.sample(COLD_VOCABULARY, rng.randint(1, 3)))
    else:
        words = rng.choice(SEARCH_TERMS)
    query = urllib.parse.quote(words)
    return {
        "search_page": f"/search?q={query}&page={rng.choice([1, 1, 1, 2])}",
        "api_search": f"/api/search?q={query}&limit={rng.choice([10, 20, 50])}",
        "profile_page": f"/experts/{slug}",
        "profile_json": f"/experts/{slug}.json",
        "article_page": f"/articles/{article}",
        "export": f"/experts/{slug}.{rng.choice(['jsonld', 'vcf'])}",
    }[kind]


class Recorder:
    """Latencies and outcomes of every request, by kind."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.statuses: dict[int, int] = defaultdict(int)
        self.samples: list[str] = []
        self.count = 0

    def merge(self, other: dict) -> None:
        """Add the results a client process sent back (see `as_dict`)."""
        for kind, values in other["latencies"].items():
            self.latencies[kind].extend(values)
        for kind, n in other["errors"].items():
            self.errors[kind] += n
        for status, n in other["statuses"].items():
            self.statuses[int(status)] += n
        self.samples.extend(other["samples"][: max(0, 10 - len(self.samples))])
        self.count += other["count"]

    def as_dict(self) -> dict:
        """Plain data, to send from a client process to the parent."""
        return {
            "latencies": dict(self.latencies),
            "errors": dict(self.errors),
            "statuses": dict(self.statuses),
            "samples": self.samples,
            "count": self.count,
        }

    def record(self, kind: str, seconds: float, status: int | None, problem: str | None) -> None:
        """Note one request; `problem` marks it an error."""
        with self.lock:
            self.count += 1
            self.latencies[kind].append(seconds)
            if status is not None:
                self.statuses[status] += 1
            if problem:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(problem)


def client(
    port: int, targets: Targets, rec: Recorder, stop_at: float, seed: int, think: float = 0
) -> None:
    """One client thread: mixed requests on a keep-alive connection until `stop_at`."""
    rng = random.Random(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < stop_at and rec.count < MAX_REQUESTS:
        kind = rng.choice(kinds)
        path = request_path(kind, rng, targets)
        started = time.perf_counter()
        status = problem = None
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as error:
            problem = f"{path}: {type(error).__name__}: {error}"
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        elapsed = time.perf_counter() - started
        if status is not None and status != 200:
            problem = f"{path}: HTTP {status}"
        rec.record(kind, elapsed, status, problem)
        if think:
            time.sleep(rng.uniform(0, 2 * think))
    conn.close()


def client_process(port, targets_path, stop_at, seeds, think, results) -> None:
    """A process of client threads (its own interpreter lock, so the clients' Python work does
    not queue behind one lock and inflate the latencies they measure); sends back its results."""
    payload = json.loads(targets_path.read_text())
    targets = Targets(payload["slugs"], payload["articles"])
    threading.Thread(target=targets.follow, args=(targets_path, stop_at), daemon=True).start()
    rec = Recorder()
    threads = [
        threading.Thread(target=client, args=(port, targets, rec, stop_at, seed, think))
        for seed in seeds
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results.put((rec.as_dict(), usage.ru_utime + usage.ru_stime))


def discover(port: int, targets: Targets, stop_at: float, found: dict, save_to=None) -> None:
    """Every second, search for new profiles so clients also hit what the ingest adds."""
    while time.monotonic() < stop_at:
        slugs, articles = [], []
        for term in SEARCH_TERMS[:8]:
            status, body = fetch(port, f"/api/search?q={urllib.parse.quote(term)}&limit=50")
            if status == 200:
                payload = json.loads(body)
                slugs.extend(r["slug"] for r in payload["results"])
                found["max_total"] = max(found.get("max_total", 0), payload["total"])
        for slug in slugs[:5]:
            status, body = fetch(port, f"/experts/{slug}.json")
            if status == 200:
                articles.extend(str(q["article"]["id"]) for q in json.loads(body)["quotes"])
        targets.add(slugs, articles)
        if save_to is not None:
            targets.save(save_to)
        time.sleep(1)


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1) of values, nearest-rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(rec: Recorder, seconds: float) -> bool:
    """Print the table; returns True when the run met its targets (no errors, p95 < 100 ms)."""
    print(f"{'kind':<14}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'max ms':>9}{'errors':>8}")  # fmt: skip
    everything: list[float] = []
    for kind, _ in MIX:
        values = rec.latencies.get(kind, [])
        everything.extend(values)
        if values:
            _row(kind, values, seconds, rec.errors.get(kind, 0))
    _row("all", everything, seconds, sum(rec.errors.values()))
    print("status counts:", dict(sorted(rec.statuses.items())))
    for sample in rec.samples:
        print("  error:", sample)
    p95 = percentile(everything, 0.95) * 1000 if everything else float("inf")
    return not rec.errors and p95 < 100


def _row(kind: str, values: list[float], seconds: float, errors: int) -> None:
    ms = [v * 1000 for v in values]
    print(
        f"{kind:<14}{len(ms):>10}{len(ms) / seconds:>9.1f}{statistics.median(ms):>9.1f}"
        f"{percentile(ms, 0.95):>9.1f}{percentile(ms, 0.99):>9.1f}{max(ms):>9.1f}{errors:>8}"
    )


# ---------------------------------------------------------------------------------------------
# Cold mode: a large synthetic directory, requests spread over all of it.
# ---------------------------------------------------------------------------------------------


def cold_extraction(number: int, rng: random.Random, vocabulary: list[str]):
    """One synthetic article quoting one invented expert three times (never evaluation text)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from search_speed import ORG_KINDS, TOPICS, pseudo_word

    from directory.models import Article, Evidence, Extraction, Person, Position, Quote

    given = pseudo_word(rng, 2).capitalize()
    # The number keeps every family name apart, so each article makes a profile of its own.
    family = (
        pseudo_word(rng, rng.choice((2, 3))).capitalize()
        + pseudo_word(random.Random(number), 1)
        + f"{number:x}".translate(str.maketrans("0123456789abcdef", "klmnoprstuvwxyzq"))
    )
    name = f"{given} {family}"
    organization = rng.choice(ORG_KINDS).format(pseudo_word(rng, 2).capitalize())
    topic = " ".join(rng.sample(TOPICS, 2))
    text = (
        f"Report {number} on {topic}\n\n{name}, a professor of {topic} at the {organization}, "
        f"spoke to reporters this week.\n\n"
    )
    start = text.index(name)
    evidence = Evidence(text[start : text.index("\n", start)], start, text.index("\n", start))
    quotes = []
    for _ in range(3):
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(12, 24)))
        said = words[0].upper() + words[1:]
        begin = len(text) + 1
        text += f'"{said}," {family} said.\n\n'
        quotes.append(Quote(said, "direct", "said", begin, begin + len(said), 0.9))
    person = Person(
        name=name,
        given_name=given,
        family_name=family,
        kind=rng.choice(["expert"] * 6 + ["official", "spokesperson", "other", "other"]),
        title=f"professor of {topic}",
        positions=[
            Position(
                organization=organization,
                role=f"professor of {topic}",
                kind="current",
                evidence=[evidence],
                confidence=0.9,
            )
        ],
        quotes=quotes,
    )
    article = Article(
        text=text,
        title=f"Report {number} on {topic}",
        source=f"cold/{number}",
        id=f"cold-{number}",
        outlet=f"Outlet {rng.randint(1, 30)}",
        published=f"{rng.randint(2004, 2016)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    )
    return Extraction(article=article, people=[person], extractor_version=COLD_VERSION)


def build_cold_directory(data: Path, profiles: int) -> dict:
    """The cold directory in `data` (built once, then reused): its slugs and article ids."""
    sys.path.insert(0, str(ROOT / "bench"))
    from search_speed import SEED, make_vocabulary

    from directory import config, search, store

    done = data / "cold.json"
    if done.exists():
        return json.loads(done.read_text())
    data.mkdir(parents=True, exist_ok=True)
    db = store.open_db(config.db_path(data))
    # A bench folder rebuilt from scratch when lost: losing the last writes to a crash is fine.
    db.execute("PRAGMA synchronous=OFF")
    rng = random.Random(SEED)
    vocabulary = make_vocabulary(random.Random(SEED))
    started = time.monotonic()
    for number in range(profiles):
        store.save_extraction(db, cold_extraction(number, rng, vocabulary))
        if number and number % 10_000 == 0:
            print(f"  {number} articles stored ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"stored {profiles} articles in {time.monotonic() - started:.0f} s; indexing", flush=True)
    indexed = search.rebuild_from_store(db, config.index_path(data))
    slugs, articles = [], []
    for offset in range(0, profiles + 5000, 5000):
        slugs += [p["slug"] for p in store.list_profiles(db, limit=5000, offset=offset)]
        articles += [a["id"] for a in store.list_articles(db, limit=5000, offset=offset)]
    db.close()
    built = {"profiles": len(slugs), "indexed": indexed, "slugs": slugs, "articles": articles}
    done.write_text(json.dumps(built))
    print(f"built the cold directory in {time.monotonic() - started:.0f} s", flush=True)
    return built


def server_memory_mb(root_pid: int) -> float:
    """Resident memory (MB) of a process and its children (the server, its workers, nginx)."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        pid, ppid = int(status.parent.name), int(fields.get("PPid", "0").strip() or 0)
        if root_pid in (pid, ppid) and "VmRSS" in fields:
            total += int(fields["VmRSS"].split()[0])
    return total / 1024


def run_cold(args) -> int:
    """Cold mode: serve the large synthetic directory and spread the clients over all of it."""
    global COLD_VOCABULARY
    sys.path.insert(0, str(ROOT / "bench"))
    from search_speed import SEED, make_vocabulary

    data = CACHE / f"cold-{args.cold}"
    built = build_cold_directory(data, args.cold)
    COLD_VOCABULARY = make_vocabulary(random.Random(SEED))
    work = Path(tempfile.mkdtemp(prefix="directory-load-"))
    workers = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    port = free_port()
    load_before = os.getloadavg()[0]
    server = start_server(
        data, port, workers, "1000000 per minute", work / "server.log", args.front
    )
    try:
        memory_before = server_memory_mb(server.pid)
        targets_path = work / "targets.json"
        Targets(built["slugs"], built["articles"]).save(targets_path)
        rec, client_cpu, cpu = run_clients(args, port, targets_path, server.pid)
        memory_after = server_memory_mb(server.pid)
        print(
            f"\ncold mode: {args.clients} clients for {args.seconds:.0f} s against "
            f"{built['profiles']:,} profiles and {len(built['articles']):,} articles "
            f"(gunicorn, {workers} workers, front {args.front}); queries of 1-3 words from a "
            f"{len(COLD_VOCABULARY):,}-word vocabulary; "
            f"1-minute load average before {load_before:.1f}"
        )
        report(rec, args.seconds)
        print(
            f"server CPU: {cpu:.1f} s, {1000 * cpu / max(rec.count, 1):.1f} ms per request; "
            f"clients' CPU {client_cpu:.1f} s; load average at the end {os.getloadavg()[0]:.1f}"
        )
        print(
            f"server memory (all processes): {memory_before:.0f} MB before, "
            f"{memory_after:.0f} MB after"
        )
        print("| mode | req/s | p50 ms | p95 ms | p99 ms | errors | memory before → after |")
        everything = [v * 1000 for values in rec.latencies.values() for v in values]
        print(
            f"| cold, {built['profiles']:,} profiles | {rec.count / args.seconds:.1f} | "
            f"{statistics.median(everything):.1f} | {percentile(everything, 0.95):.1f} | "
            f"{percentile(everything, 0.99):.1f} | {sum(rec.errors.values())} | "
            f"{memory_before:.0f} → {memory_after:.0f} MB |"
        )
        return 0 if not rec.errors else 1
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


def start_clients(args, port: int, targets_path: Path, stop_at: float):
    """Start the client processes, each with its share of `--clients`; (processes, results)."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    procs = [
        context.Process(
            target=client_process,
            args=(
                port,
                targets_path,
                stop_at,
                range(n, args.clients, args.client_procs),
                args.think_ms / 1000,
                results,
            ),
            daemon=True,
        )
        for n in range(min(args.client_procs, args.clients))
    ]
    for proc in procs:
        proc.start()
    return procs, results


def run_clients(args, port: int, targets_path: Path, server_pid: int):
    """Run the client processes until `--seconds` pass; (results, clients' CPU, server CPU)."""
    cpu_before = cpu_seconds(server_pid)
    stop_at = time.monotonic() + args.seconds
    procs, results = start_clients(args, port, targets_path, stop_at)
    rec, client_cpu = Recorder(), 0.0
    for _ in procs:
        result, cpu = results.get()
        rec.merge(result)
        client_cpu += cpu
    for proc in procs:
        proc.join()
    return rec, client_cpu, cpu_seconds(server_pid) - cpu_before


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print its table; exit 0 when zero errors and p95 < 100 ms."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument(
        "--articles", type=int, default=500, help="articles ingested during the run"
    )
    parser.add_argument("--seed-articles", type=int, default=200, help="articles stored beforehand")
    parser.add_argument("--corpus", type=Path, help="ingest this path during the run instead")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--ingest-jobs", type=int, default=1, help="`directory ingest --jobs`")
    parser.add_argument(
        "--ingest-nice", type=int, default=10, help="niceness of the ingest (0: same priority)"
    )
    parser.add_argument(
        "--client-procs", type=int, default=4, help="processes the client threads are spread over"
    )
    parser.add_argument("--think-ms", type=float, default=0, help="pause after each response")
    parser.add_argument("--no-ingest", action="store_true", help="serve only, ingest nothing")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument(
        "--cold", type=int, default=0, metavar="N",
        help="cold mode over N synthetic profiles (built once into bench/.cache/cold-N)",
    )  # fmt: skip
    parser.add_argument(
        "--front", choices=("auto", "nginx", "none"), default="auto",
        help="`directory serve --front`: nginx in front of gunicorn when installed (auto)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 256 or not 0 < args.seconds <= 600:
        parser.error("--clients must be 1..256 and --seconds 0..600")
    if args.cold:
        if not 100 <= args.cold <= 1_000_000:
            parser.error("--cold must be 100..1,000,000 profiles")
        return run_cold(args)

    work = Path(tempfile.mkdtemp(prefix="directory-load-"))
    data = work / "data"
    seed_file = write_jsonl(make_articles(args.seed_articles, seed=11), work / "seed.jsonl")
    batch = args.corpus or write_jsonl(make_articles(args.articles, seed=23), work / "batch.jsonl")
    print(f"data folder: {data}")
    started = time.monotonic()
    subprocess.run(directory_cmd(data, "ingest", str(seed_file)), check=True, cwd=ROOT)
    print(f"seeded {args.seed_articles} articles in {time.monotonic() - started:.1f} s")

    workers = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    port = free_port()
    server = start_server(
        data, port, workers, "1000000 per minute", work / "server.log", args.front
    )
    ingest = None
    try:
        targets = Targets([], [])
        found: dict = {}
        discover(port, targets, time.monotonic() + 0.1, found)
        if not targets.slugs or not targets.articles:
            raise SystemExit("the seeded directory returned no profiles to request")
        total_before = found.get("max_total", 0)
        rec = Recorder()
        cpu_before = cpu_seconds(server.pid)
        stop_at = time.monotonic() + args.seconds
        ingest_log = open(work / "ingest.log", "wb")  # noqa: SIM115
        ingest_started = time.monotonic()
        ingest = subprocess.Popen(
            directory_cmd(data, "ingest", "--jobs", str(args.ingest_jobs), str(batch))
            if not args.no_ingest
            else [PYTHON, "-c", "pass"],
            stdout=ingest_log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            preexec_fn=(lambda: os.nice(args.ingest_nice)) if args.ingest_nice else None,
        )
        targets_path = work / "targets.json"
        targets.save(targets_path)
        procs, results = start_clients(args, port, targets_path, stop_at)
        finder = threading.Thread(
            target=discover, args=(port, targets, stop_at, found, targets_path), daemon=True
        )
        finder.start()
        ingest_seconds = None
        client_cpu = 0.0
        for _ in procs:
            while True:
                if ingest_seconds is None and ingest.poll() is not None:
                    ingest_seconds = time.monotonic() - ingest_started
                try:
                    result, cpu = results.get(timeout=0.1)
                    break
                except queue.Empty:
                    continue
            rec.merge(result)
            client_cpu += cpu
        for proc in procs:
            proc.join()
        finder.join()
        elapsed = args.seconds
        server_cpu = cpu_seconds(server.pid) - cpu_before
        load_average = os.getloadavg()[0]
        if ingest_seconds is None:
            print("ingest still running when the clients stopped; waiting for it")
            ingest.wait()
            ingest_seconds = time.monotonic() - ingest_started
        ingest_log.close()
        print(
            f"\n{args.clients} clients for {elapsed:.0f} s against gunicorn ({workers} workers) "
            f"on {HOST}:{port}; ingest of {args.articles} articles beside it "
            f"took {ingest_seconds:.1f} s, exit {ingest.returncode}: "
            f"{(work / 'ingest.log').read_text(errors='replace').strip().splitlines()[-1:]}"
        )
        ok = report(rec, elapsed)
        print(
            f"server CPU: {server_cpu:.1f} s, {1000 * server_cpu / max(rec.count, 1):.1f} ms per "
            f"request; clients' CPU: {client_cpu:.1f} s in {len(procs)} processes; "
            f"1-minute load average at the end {load_average:.1f} on {os.cpu_count()} cores"
        )
        discover(port, targets, time.monotonic() + 0.1, found)
        print(
            f"largest search total seen: before the ingest {total_before}, "
            f"after {found.get('max_total', 0)} (workers saw the index change: "
            f"{found.get('max_total', 0) > total_before})"
        )
        print("PASS" if ok and ingest.returncode == 0 else "FAIL")
        return 0 if ok and ingest.returncode == 0 else 1
    finally:
        if ingest is not None:
            stop(ingest)
        stop(server)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
