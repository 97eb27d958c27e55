"""Whoosh's on-disk format with posting blocks numpy can read without a Python loop.

Whoosh 3 pickles each block of document numbers and frequencies as tuples of Python numbers (with
pickle protocol 2, even arrays become lists), so reading a long posting list cold costs a
microsecond or more per posting. This codec writes the same blocks as `array` objects with pickle
protocol 5: Whoosh's own readers see sequences as before, and `scoring` turns each block into a
numpy array straight from its buffer. Blocks are also larger, since scoring reads whole posting
lists and never skips blocks.
"""

from __future__ import annotations

import zlib
from array import array
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.system import emptybytes
from whoosh.util.numeric import length_to_byte
from whoosh.util.numlists import delta_encode

BLOCK_LIMIT = 1024
PICKLE_PROTOCOL = 5


class ArrayPostingsWriter(W3PostingsWriter):
    """Whoosh 3 posting blocks whose ids and weights are pickled as typed arrays."""

    def _mini_ids(self):
        if self._byteids:
            return tuple(self._ids)
        if isinstance(self._ids, array) and self._ids.typecode == "I":
            ids = np.frombuffer(self._ids, dtype=np.uint32)
            return array("I", np.diff(ids, prepend=np.uint32(0)).astype(np.uint32).tobytes())
        return array("I", delta_encode(self._ids))

    def _mini_weights(self):
        weights = np.frombuffer(self._weights, dtype=np.float32)
        if not len(weights) or (weights == 1.0).all():
            return None
        if (weights == weights[0]).all():
            return float(weights[0])
        return array("f", weights.tobytes())

    def add_arrays(self, ids, weights, values, lengths) -> None:
        """Add a whole posting list at once (documents in increasing order): `values` is one
        bytes string for a fixed-size format, else a list of bytes; `lengths` the field lengths
        of the documents (0 where the field has none). The last block stays buffered, for
        `finish_postings` to write as Whoosh's own writer does."""
        limit = self._blocklimit
        for start in range(0, len(ids), limit):
            if len(self._ids):
                self._write_block()
            end = min(start + limit, len(ids))
            self._ids = array("I", np.asarray(ids[start:end], dtype=np.uint32).tobytes())
            block_weights = np.asarray(weights[start:end], dtype=np.float32)
            self._weights = array("f", block_weights.tobytes())
            if isinstance(values, bytes):
                size = len(values) // len(ids)
                self._values = [values[start * size : end * size]] if size else []
            else:
                self._values = [v for v in values[start:end] if v]
            self._maxweight = max(0, float(block_weights.max()))
            block_lengths = np.asarray(lengths[start:end])
            known = block_lengths[block_lengths > 0]
            self._minlength = int(known.min()) if len(known) else None
            self._maxlength = int(known.max()) if len(known) else 0

    def _mini_values(self):
        fixedsize = self._format.fixed_value_size()
        if fixedsize is None or fixedsize < 0:
            return tuple(self._values)
        if fixedsize == 0:
            return None
        return emptybytes.join(self._values)

    def _write_block(self, last=False):
        # W3PostingsWriter._write_block with a newer pickle protocol (it hard-codes protocol 2,
        # which turns arrays back into lists); the layout on disk is otherwise the same.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = dumps(data, PICKLE_PROTOCOL)
        comp = self._compression
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = dumps(info, 2)
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class ArrayCodec(W3Codec):
    """W3Codec writing `ArrayPostingsWriter` blocks; reading is Whoosh's own."""

    def __init__(self, blocklimit=BLOCK_LIMIT, compression=1, inlinelimit=1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return ArrayPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
