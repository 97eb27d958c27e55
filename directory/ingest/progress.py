"""How far an ingest has got, on stderr: a bar on a terminal (tqdm), a plain line every 10 s
otherwise, so a log holds one readable line per interval.

Progress is counted in articles done (saved, found stored, or failed), out of the articles the
input holds: known once every file is read, estimated before that from the articles of the files
read so far. Reading runs ahead of extraction, so counting what was read would show 100% while
the work remains. Rates, and so the ETA, start at the first article done: starting the workers and
loading the model take seconds in which nothing is done, and counting them made the first ETA
several times too long.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm

BAR_WIDTH = 24
# How often to redraw the bar on a terminal, and to print a line when stderr is a file or pipe.
TTY_INTERVAL = 0.2
LINE_INTERVAL = 10.0
# No ETA before this many seconds of articles being done: a rate read from one chunk of
# articles (they come back from the workers in chunks) is noise.
ETA_AFTER_SECONDS = 3.0
BAR_FORMAT = "[{bar:24}] {n_fmt}/{total_fmt} articles, {rate_fmt}{postfix}"


class Progress:
    """Shows an ingest's articles done of those expected, files read, rate and ETA."""

    def __init__(
        self,
        total_files: int | None,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        tty: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.stream = stream or sys.stderr
        self.tty = _isatty(self.stream) if tty is None else tty
        self.enabled = True if enabled is None else enabled
        self.total_files = total_files
        self.clock = clock
        self.started = clock()
        self.last_shown = self.started
        self.articles = 0
        self.files = 0
        self.read = 0
        # When the first article was done, and how many were done then: rates start there.
        self.first: tuple[float, int] | None = None
        self.bar: tqdm | None = None
        # Where extraction runs, when not here ("tcp://10.0.0.5:8786, 4 workers"): shown last.
        self.note = ""

    def update(self, *, articles: int, files: int, read: int | None = None) -> None:
        """Record articles done, files read and articles read so far; redraw when it is time."""
        self.articles, self.files = articles, files
        self.read = articles if read is None else read
        now = self.clock()
        if self.first is None and articles:
            self.first = (now, articles)
        if not self.enabled:
            return
        if self.tty:
            self._draw()
        elif now - self.last_shown >= LINE_INTERVAL:
            self.last_shown = now
            print(f"ingest: {self.status(now)}", file=self.stream, flush=True)

    def message(self, line: str) -> None:
        """Print a line (a failure) without tearing the bar."""
        if self.bar is not None:
            self.bar.clear()
        print(line, file=self.stream, flush=True)
        if self.bar is not None:
            self.bar.refresh()

    def close(self) -> None:
        """Clear the bar so the summary line starts clean."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def expected(self) -> int | None:
        """The articles the input holds: exact once every file is read, else estimated."""
        if not self.total_files or not self.files:
            return None
        if self.files >= self.total_files:
            return self.read
        return max(round(self.read * self.total_files / self.files), self.read, self.articles)

    def status(self, now: float | None = None) -> str:
        """The text of one progress line: counts, rate and ETA."""
        now = self.clock() if now is None else now
        noun = "article" if self.articles == 1 else "articles"
        parts = [f"{self.articles} {noun}"]
        if self.total_files:
            parts.append(f"{self.files}/{self.total_files} files")
        rate, eta = self._rate_and_eta(now)
        if rate is not None:
            parts.append(f"{rate:.1f} articles/s")
        if eta is not None:
            parts.append(f"ETA {_clock(eta)}")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)

    def _rate_and_eta(self, now: float) -> tuple[float | None, float | None]:
        """Articles a second since the first was done, and the seconds left at that rate."""
        if self.first is None or now <= self.first[0]:
            return None, None
        elapsed, done = now - self.first[0], self.articles - self.first[1]
        eta = self.eta(elapsed, done) if elapsed >= ETA_AFTER_SECONDS else None
        return done / elapsed, eta

    def eta(self, elapsed: float, done: int | None = None) -> float | None:
        """Seconds left, at the rate of `done` articles (all done so far) in `elapsed` seconds."""
        done = self.articles if done is None else done
        expected = self.expected()
        if expected is None or done <= 0 or elapsed <= 0:
            return None
        return max(expected - self.articles, 0) * elapsed / done

    def _draw(self) -> None:
        expected = self.expected()
        if self.bar is None:
            if not self.articles:
                return
            # Made at the first article done, so its rate starts there. tqdm's default smoothing
            # (a moving average of recent updates) was measured several times further off than
            # the plain average: articles come back from the workers in bursts of a chunk.
            self.bar = tqdm(
                total=expected,
                initial=self.articles,
                file=self.stream,
                bar_format=BAR_FORMAT,
                unit=" articles",
                ascii="-#",
                mininterval=TTY_INTERVAL,
                smoothing=0,
                leave=False,
            )
            return
        if expected is not None and expected != self.bar.total:
            self.bar.total = expected
        _, eta = self._rate_and_eta(self.clock())
        postfix = [f"ETA {_clock(eta)}"] if eta is not None else []
        if self.note:
            postfix.append(self.note)
        if postfix:
            self.bar.set_postfix_str(", ".join(postfix), refresh=False)
        self.bar.update(self.articles - self.bar.n)


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
