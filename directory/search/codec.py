"""Whoosh's on-disk format with posting blocks numpy can read without a Python loop.

Whoosh 3 pickles each block of document numbers and frequencies as tuples of Python numbers (with
pickle protocol 2, even arrays become lists), so reading a long posting list cold costs a
microsecond or more per posting. This codec writes the same blocks as `array` objects with pickle
protocol 5: Whoosh's own readers see sequences as before, and `scoring` turns each block into a
numpy array straight from its buffer. Blocks are also larger, since scoring reads whole posting
lists and never skips blocks.

Blocks are stored uncompressed, in the narrowest type that holds them: gaps between document
numbers in 16 bits where they fit, frequencies in one byte where they are whole numbers up to
255. Decompressing was about two fifths of the time to read a long posting list. The narrow
types win back about two fifths of what dropping zlib costs on disk (at 100,000 profiles: 200 MB
compressed, 381 MB uncompressed with 32-bit types, 302 MB with narrow ones).
"""

from __future__ import annotations

import struct
from array import array
from pickle import dumps

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.system import emptybytes, pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

BLOCK_LIMIT = 1024
PICKLE_PROTOCOL = 5
# W3TermInfo's layout: flags, total weight, document frequency, min and max length (as bytes),
# max weight, first and last document.
TERMINFO = struct.Struct("!BfIBBfII")
UNKNOWN_LENGTH = np.iinfo(np.int64).max
# The largest gap between document numbers a block stores in 16 bits, and the largest whole
# frequency it stores in a byte.
SHORT_MAX = 0xFFFF
BYTE_MAX = 0xFF


def ids_typecode(largest_gap: int) -> str:
    """The array type of a block's document numbers (each a gap from the one before)."""
    return "H" if largest_gap <= SHORT_MAX else "I"


def weights_typecode(low: float, high: float, whole: bool) -> str:
    """The array type of a block's frequencies."""
    return "B" if whole and low >= 0 and high <= BYTE_MAX else "f"


class ArrayPostingsWriter(W3PostingsWriter):
    """Whoosh 3 posting blocks whose ids and weights are pickled as typed arrays."""

    def _mini_ids(self):
        if self._byteids:
            return tuple(self._ids)
        gaps = np.diff(np.asarray(self._ids, dtype=np.int64), prepend=0)
        code = ids_typecode(int(gaps.max()))
        return array(code, gaps.astype(code).tobytes())

    def _mini_weights(self):
        weights = np.frombuffer(self._weights, dtype=np.float32)
        if not len(weights) or (weights == 1.0).all():
            return None
        if (weights == weights[0]).all():
            return float(weights[0])
        whole = bool((weights == np.floor(weights)).all())
        code = weights_typecode(float(weights.min()), float(weights.max()), whole)
        return array(code, weights.astype(code).tobytes())

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
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            0,  # uncompressed
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

    def __init__(self, blocklimit=BLOCK_LIMIT, inlinelimit=1):
        super().__init__(blocklimit=blocklimit, compression=0, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return ArrayPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class FieldPostingArrays:
    """Every posting of one field, sorted by term and then document, as numpy arrays.

    `names` are the terms' bytes in order and `starts` where each term's postings begin;
    `lengths` are the field lengths of each posting's document (0 where the field has none), and
    `values` the encoded value of each posting, or None for a Frequency field whose values are its
    weights."""

    def __init__(self, names, starts, docs, weights, values, lengths) -> None:
        self.names = names
        self.starts = starts
        self.docs = docs.astype(np.int64)
        self.weights = weights.astype(np.float32)
        self.values = values
        self.lengths = lengths.astype(np.int64)


def write_field_postings(writer, postings: FieldPostingArrays) -> None:
    """Write every term of the field `writer` has started, in the blocks, block statistics and
    term infos `ArrayPostingsWriter` writes posting by posting.

    A field has tens of thousands of terms with a handful of postings each, so the statistics of
    every block and term are found for the whole field at once with numpy, and only the
    pickling and writing of each block is left to Python."""
    n = len(postings.docs)
    if not n:
        return
    codec = writer._codec
    limit = codec._blocklimit
    fixedsize = writer._format.fixed_value_size()
    docs, weights, lengths = postings.docs, postings.weights, postings.lengths
    starts = postings.starts
    sizes = np.diff(np.append(starts, n))
    blocks_per_term = (sizes + limit - 1) // limit
    firsts = np.cumsum(blocks_per_term) - blocks_per_term
    within = np.arange(int(blocks_per_term.sum())) - np.repeat(firsts, blocks_per_term)
    block_starts = np.repeat(starts, blocks_per_term) + within * limit
    block_ends = np.append(block_starts[1:], n)

    # Each block's ids are gaps from the one before, the first counted from zero.
    gaps = np.diff(docs, prepend=0)
    gaps[block_starts] = docs[block_starts]
    id_bytes = {code: gaps.astype(code).tobytes() for code in "HI"}
    weight_bytes = {code: weights.astype(code).tobytes() for code in "Bf"}
    value_bytes = weights.astype(">u4").tobytes() if postings.values is None else None
    known = np.where(lengths > 0, lengths, UNKNOWN_LENGTH)

    def per(reduce, values, at):
        return reduce.reduceat(values, at).tolist()

    block_max_gap = per(np.maximum, gaps, block_starts)
    block_whole = per(np.minimum, (weights == np.floor(weights)).astype(np.int8), block_starts)
    block_max_w = per(np.maximum, weights, block_starts)
    block_min_w = per(np.minimum, weights, block_starts)
    block_min_len = per(np.minimum, known, block_starts)
    block_max_len = per(np.maximum, lengths, block_starts)
    term_weight = per(np.add, weights.astype(np.float64), starts)
    term_max_w = per(np.maximum, weights, starts)
    term_min_len = per(np.minimum, known, starts)
    term_max_len = per(np.maximum, lengths, starts)
    doc_list = docs.tolist()
    starts_list, sizes_list = starts.tolist(), sizes.tolist()
    bounds = list(zip(block_starts.tolist(), block_ends.tolist(), strict=True))
    firsts_list = firsts.tolist() + [len(bounds)]
    values = postings.values

    postfile, tindex = writer._postfile, writer._tindex
    fieldkey = pack_ushort(writer._fieldid)
    for t, name in enumerate(postings.names):
        offset = postfile.tell()
        postfile.write(WHOOSH3_HEADER_MAGIC)
        last_block = firsts_list[t + 1] - 1
        for b in range(firsts_list[t], last_block + 1):
            start, end = bounds[b]
            low, high = block_min_w[b], block_max_w[b]
            if low != high:
                code = weights_typecode(low, high, block_whole[b] == 1)
                width = np.dtype(code).itemsize
                mini_weights = array(code, weight_bytes[code][start * width : end * width])
            else:
                mini_weights = None if high == 1.0 else high
            if fixedsize == 0:
                mini_values = None
            elif fixedsize is None or fixedsize < 0:
                mini_values = tuple(v for v in values[start:end] if v)
            elif value_bytes is not None:
                mini_values = value_bytes[start * fixedsize : end * fixedsize]
            else:
                mini_values = emptybytes.join(values[start:end])
            code = ids_typecode(block_max_gap[b])
            width = np.dtype(code).itemsize
            mini_ids = array(code, id_bytes[code][start * width : end * width])
            databytes = dumps((mini_ids, mini_weights, mini_values), PICKLE_PROTOCOL)
            min_len = block_min_len[b]
            info = (
                end - start,
                doc_list[end - 1],
                max(0, high),
                0,  # uncompressed
                0 if min_len == UNKNOWN_LENGTH else length_to_byte(min_len),
                length_to_byte(block_max_len[b]),
            )
            infobytes = dumps(info, 2)
            size = len(infobytes) + len(databytes)
            postfile.write_int(-size if b == last_block else size)
            postfile.write(infobytes)
            postfile.write(databytes)
        start, count = starts_list[t], sizes_list[t]
        min_len = term_min_len[t]
        terminfo = TERMINFO.pack(
            0,
            term_weight[t],
            count,
            0 if min_len == UNKNOWN_LENGTH else length_to_byte(min_len),
            length_to_byte(term_max_len[t]),
            max(0, term_max_w[t]),
            doc_list[start],
            doc_list[start + count - 1],
        )
        extent = pack_long(offset) + pack_int(postfile.tell() - offset)
        tindex.add(fieldkey + name, terminfo + extent)
