"""The progress display: articles done of those expected, a rate from the first article done."""

from __future__ import annotations

import io

import pytest

from directory.ingest import progress
from directory.ingest.progress import Progress


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_prints_plain_lines_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "LINE_INTERVAL", 0.0)
    stream, clock = io.StringIO(), Clock()
    meter = Progress(4, stream=stream, tty=False, clock=clock)
    clock.now = 5.0
    meter.update(articles=1, files=1)
    clock.now = 10.0
    meter.update(articles=2, files=2)
    meter.message("a.txt: empty")
    meter.close()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "ingest: 1 article, 1/4 files"
    assert lines[1].startswith("ingest: 2 articles, 2/4 files, ")
    assert lines[1].endswith(" 0.2 articles/s, ETA 0:10")
    assert lines[2] == "a.txt: empty"
    assert "\r" not in stream.getvalue()


def test_progress_draws_a_bar_on_a_terminal_and_clears_it(monkeypatch):
    monkeypatch.setattr(progress, "TTY_INTERVAL", 0.0)
    stream = io.StringIO()
    meter = Progress(4, stream=stream, tty=True)
    meter.update(articles=1, files=1)
    assert stream.getvalue().startswith("\r[######------------------] 1/4 articles")
    meter.message("b.json:3: malformed JSON")
    assert "\rb.json:3: malformed JSON\n" in stream.getvalue()
    meter.close()
    assert stream.getvalue().rstrip(" ").endswith("\r")  # the bar is wiped, not left behind


def test_progress_is_quiet_for_a_short_run_or_when_disabled():
    stream = io.StringIO()
    meter = Progress(1, stream=stream, tty=False)
    meter.update(articles=1, files=1)
    Progress(1, stream=stream, tty=True, enabled=False).update(articles=1, files=1)
    assert stream.getvalue() == ""


def test_eta_from_the_rate_and_the_articles_left():
    meter = Progress(10, stream=io.StringIO(), tty=False)
    meter.update(articles=3, files=4, read=4)
    # 4 files read held 4 articles, so 10 files hold about 10: 7 left at 3 per 8 s.
    assert meter.eta(8.0) == pytest.approx(7 * 8 / 3)
    assert Progress(None, stream=io.StringIO()).eta(8.0) is None


def test_the_first_eta_leaves_out_the_start_up_time():
    # 30 s of start-up (workers, the model) before the first article, then 10 articles a second;
    # 10 files of 50 articles. Counting the start-up would make the ETA four times too long.
    clock = Clock()
    meter = Progress(10, stream=io.StringIO(), tty=False, clock=clock)
    clock.now = 30.0
    meter.update(articles=1, files=1, read=50)
    clock.now = 40.0
    meter.update(articles=101, files=4, read=200)
    assert meter.expected() == 500
    assert meter.status().endswith("10.0 articles/s, ETA 0:40")


def test_progress_counts_articles_done_not_read(monkeypatch):
    monkeypatch.setattr(progress, "TTY_INTERVAL", 0.0)
    stream = io.StringIO()
    meter = Progress(4, stream=stream, tty=True)
    meter.update(articles=1, files=1, read=10)
    # Every file read, 40 articles in them, 10 done: a quarter of the way, not the end.
    meter.update(articles=10, files=4, read=40)
    assert meter.expected() == 40
    assert stream.getvalue().rsplit("\r", 1)[-1].startswith("[######------------------] 10/40")
    assert Progress(4, stream=io.StringIO()).expected() is None
