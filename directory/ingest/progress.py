"""A small progress printer on stderr: a bar with rate and ETA on a terminal, else lines."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24
# How often to redraw the bar on a terminal, and to print a line when stderr is a file or pipe.
TTY_INTERVAL = 0.2
LINE_INTERVAL = 10.0


class Progress:
    """Shows how far an ingest has got: articles done, files read of the total, rate and ETA."""

    def __init__(
        self,
        total_files: int | None,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        tty: bool | None = None,
    ):
        self.stream = stream or sys.stderr
        self.tty = _isatty(self.stream) if tty is None else tty
        self.enabled = True if enabled is None else enabled
        self.total_files = total_files
        self.started = time.monotonic()
        self.last_shown = self.started
        self.articles = 0
        self.files = 0
        self.read = 0
        self.drawn = False

    def update(self, *, articles: int, files: int, read: int | None = None) -> None:
        """Record articles done, files read and articles read so far; redraw when it is time."""
        self.articles, self.files = articles, files
        self.read = articles if read is None else read
        if not self.enabled:
            return
        now = time.monotonic()
        interval = TTY_INTERVAL if self.tty else LINE_INTERVAL
        if now - self.last_shown >= interval:
            self.last_shown = now
            self._show(now)

    def message(self, line: str) -> None:
        """Print a line (a failure) without tearing the bar."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.drawn = False
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        """Clear the bar so the summary line starts clean."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def status(self, now: float | None = None) -> str:
        """The text of one progress report: counts, rate and ETA."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.articles / elapsed
        parts = [f"{self.articles} articles"]
        if self.total_files:
            parts.append(f"{self.files}/{self.total_files} files")
        parts.append(f"{rate:.1f} articles/s")
        eta = self.eta(elapsed)
        if eta is not None:
            parts.append(f"ETA {_clock(eta)}")
        return ", ".join(parts)

    def eta(self, elapsed: float) -> float | None:
        """Seconds left, from the rate so far and the articles the unread files should hold."""
        if not self.total_files or not self.files or not self.articles:
            return None
        expected = max(self.read * self.total_files / self.files, self.articles)
        return (expected - self.articles) * elapsed / self.articles

    def _show(self, now: float) -> None:
        if self.tty:
            share = min(self.files / self.total_files, 1.0) if self.total_files else 0.0
            filled = int(share * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.status(now)}")
            self.stream.flush()
            self.drawn = True
        else:
            print(f"ingest: {self.status(now)}", file=self.stream, flush=True)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
