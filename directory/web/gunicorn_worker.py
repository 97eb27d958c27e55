"""The gunicorn worker the production server runs: gthread, with keep-alive connections recycled.

Gunicorn's gthread worker keeps a keep-alive connection for as long as the client uses it. With
each worker's connections capped (so that busy connections spread over the workers instead of
piling onto one), a client arriving when every slot is held by a busy client would wait until one
of them went quiet. Answering "Connection: close" every RECYCLE_REQUESTS requests frees a slot
regularly, so a waiting client gets in within a second or two, and a reconnecting client lands on
whichever worker accepts first, which is the least busy one.

Only `serving.py` names this module, by its path: importing it needs gunicorn (and fcntl).
"""

from __future__ import annotations

from gunicorn.workers.gthread import ThreadWorker

RECYCLE_REQUESTS = 50


class RecyclingThreadWorker(ThreadWorker):
    """A gthread worker that closes each connection after RECYCLE_REQUESTS requests."""

    def handle_request(self, req, conn):
        """Handle one request, asking for the connection to close when its turn is up."""
        served = getattr(conn, "directory_served", 0) + 1
        conn.directory_served = served
        if served >= RECYCLE_REQUESTS:
            req.must_close = True  # the response says "Connection: close"; gunicorn closes it
        return super().handle_request(req, conn)
