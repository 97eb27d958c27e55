"""The ingest pipeline: summary, progress display, parallel extraction, store and index."""

from __future__ import annotations

import io

import pytest

from directory import progress
from directory.pipeline import IngestSummary
from directory.progress import Progress


def test_summary_is_one_line_with_every_count():
    summary = IngestSummary(
        read=12, new=9, duplicate=1, unchanged=2, failed=3, people=7, quotes=20, seconds=4.0
    )
    assert summary.format() == (
        "Ingested 12 articles (9 new, 1 duplicate, 2 unchanged, 3 failed): "
        "7 people, 20 quotes in 4.0 s (3.0 articles/s)"
    )
    assert summary.exit_code == 1
    assert IngestSummary(read=1, new=1).exit_code == 0


def test_progress_prints_plain_lines_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "LINE_INTERVAL", 0.0)
    stream = io.StringIO()
    meter = Progress(4, stream=stream, tty=False)
    meter.update(articles=2, files=2)
    meter.message("a.txt: empty")
    meter.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("ingest: 2 articles, 2/4 files, ")
    assert " articles/s, ETA 0:0" in lines[0]
    assert lines[1] == "a.txt: empty"
    assert "\r" not in stream.getvalue()


def test_progress_draws_a_bar_on_a_terminal_and_clears_it(monkeypatch):
    monkeypatch.setattr(progress, "TTY_INTERVAL", 0.0)
    stream = io.StringIO()
    meter = Progress(4, stream=stream, tty=True)
    meter.update(articles=1, files=1)
    assert stream.getvalue().startswith("\r\x1b[K[######------------------] 1 articles, 1/4 files")
    meter.message("b.json:3: malformed JSON")
    meter.close()
    assert stream.getvalue().endswith("\r\x1b[Kb.json:3: malformed JSON\n")


def test_progress_is_quiet_for_a_short_run_or_when_disabled():
    stream = io.StringIO()
    meter = Progress(1, stream=stream, tty=False)
    meter.update(articles=1, files=1)
    Progress(1, stream=stream, tty=True, enabled=False).update(articles=1, files=1)
    assert stream.getvalue() == ""


def test_eta_from_the_share_of_files_read():
    meter = Progress(10, stream=io.StringIO(), tty=False)
    meter.files = 4
    assert meter.eta(8.0) == pytest.approx(12.0)
    assert Progress(None, stream=io.StringIO()).eta(8.0) is None
