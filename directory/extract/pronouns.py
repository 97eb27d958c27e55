"""Resolving he/she pronouns and role nouns ('the professor') to the people of one article."""

from __future__ import annotations

import bisect
from collections.abc import Collection
from functools import cached_property

from spacy.tokens import Token

from directory.extract.mentions import (
    Mention,
    is_speaker,
    relative_subject,
    role_noun,
    speaks_unparsed,
)
from directory.extract.names import fold
from directory.extract.patterns import (
    GENDERED_NOUNS,
    HONORIFIC_NOUNS,
    HONORIFICS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
)
from directory.extract.roles import is_nationality, is_role_head
from directory.text import word_set

# Nouns for people speaking without a name; such a speaker between a pronoun and a named
# person blocks resolving the pronoun to that person ("a spokeswoman said ... she added").
UNNAMED_SPEAKER_NOUNS = (ROLE_NOUNS | PERSON_NOUNS | frozenset({"aide", "source", "insider"})) - {
    "professor",
    "president",
}
# Nouns that say only that someone is a person; news names a known person by an epithet
# ("the actor", "the businessman"), not by these.
BARE_PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "teenager", "child"})
# Role nouns that never name a body ("the executive" may be Scotland's government): with no
# one described by them, they are somebody unnamed.
UNNAMED_UNLESS_DESCRIBED = BARE_PERSON_NOUNS | word_set(
    """spokesman spokeswoman spokesperson official aide adviser advisor lawyer attorney source
    insider"""
)
# Role nouns that, with no one described by them, are more often someone new than an epithet
# for the person just named ("the spokesman", "the official", "the lawyer").
NOT_EPITHETS = UNNAMED_UNLESS_DESCRIBED | word_set(
    "officer executive head manager boss expert analyst"
)
# How far back (in paragraphs) a pronoun or role noun may look for the person it designates.
PRONOUN_WINDOW_PARAGRAPHS = 3
PRONOUN_WINDOW_SENTENCES = 1
ROLE_WINDOW_PARAGRAPHS = 12


def honorific_noun(honorific: str) -> str:
    """The noun an honorific stands for: "Sen." -> senator, "Governor" -> governor."""
    key = fold(honorific).rstrip(".")
    return HONORIFIC_NOUNS.get(key, key)


class PronounResolver:
    """Pronoun and role-noun resolution, mixed into `people.People`: it reads the clusters, the
    token-to-cluster map and the sentence lookups that class builds."""

    def _resolve_pronouns(self) -> None:
        """Resolve every he/she/his/her outside quotes, in text order (see _resolve), after
        reading people's genders from the pronouns that can only mean them."""
        # (offset, cluster, subject rank, speaks): a sentence's own subject ranks 2, a name
        # heading a who-clause 1 ("Having worked with Cantalupo, who ..., Mr Bell said")
        self._by_sentence: dict[int, list[tuple[int, int, int, bool]]] = {}
        for m in self.names:
            if m.kind == "name" and m.cluster >= 0:
                root = self.doc[m.root] if m.root >= 0 else None
                speaks = root is not None and (
                    is_speaker(root) or speaks_unparsed(root, self.in_quote)
                )
                entry = (m.start, m.cluster, 2 if m.subject else int(m.relative), speaks)
                self._by_sentence.setdefault(m.sentence, []).append(entry)
        # "But the Lib Dem spokesman questioned ... He urged": a role that names someone
        # already described with it speaks as that person, and a pronoun after it goes on with
        # them
        # "Asked later, the admiral chuckled. '...,' he said": a subject role noun that a
        # named person was described with is that person, speaking or not
        for tok in self.doc:
            if tok.i in self._token_cluster or self.in_quote[tok.i]:
                continue
            speaks = is_speaker(tok)
            if speaks:
                cid = self.resolve_epithet(tok)
            elif tok.dep_ in ("nsubj", "nsubjpass") and role_noun(tok):
                cid = self._described_as(tok)
            else:
                continue
            if cid is not None:
                entry = (tok.idx, cid, 2, speaks)
                self._by_sentence.setdefault(self._sentence_of(tok), []).append(entry)
        for items in self._by_sentence.values():
            items.sort()
        self._unnamed = self._unnamed_speakers()
        pronouns = [t for t in self.doc if t.lower_ in PERSON_PRONOUNS and not self.in_quote[t.i]]
        self._read_genders(pronouns)
        for tok in pronouns:
            cid = self._resolve(tok)
            if cid is None:
                continue
            self._pronoun_of[tok.i] = cid
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            # a resolved subject pronoun carries its person into the next sentences
            entry = (tok.idx, cid, 2 if subject else 0, subject and is_speaker(tok))
            bisect.insort(self._by_sentence.setdefault(self._sentence_of(tok), []), entry)
            m = Mention(tok.idx, tok.idx + len(tok), tok.text, "pronoun", cid, root=tok.i)
            self.clusters[cid].mentions.append(m)
        for c in self.clusters:
            c.mentions.sort(key=lambda m: m.start)

    def _unnamed_speakers(self) -> dict[int, list[tuple[int, str | None]]]:
        """Per sentence, (offset, gender) of people who speak without a name: 'a spokeswoman
        said', 'one official told', 'the firm's spokesman said'."""
        out: dict[int, list[tuple[int, str | None]]] = {}
        for tok in self.doc:
            if self._unknown_name(tok):
                out.setdefault(self._sentence_of(tok), []).append((tok.idx, None))
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN":
                continue
            if tok.lower_ not in UNNAMED_SPEAKER_NOUNS or tok.i in self._token_cluster:
                continue
            if not is_speaker(tok) or self.in_quote[tok.i]:
                continue
            if any(c.dep_ == "appos" and c.i in self._token_cluster for c in tok.children):
                continue  # "the spokeswoman, Ann Lee, said" is named
            det = [c.lower_ for c in tok.children if c.dep_ == "det"]
            owner = [c for c in tok.children if c.dep_ == "poss"]
            unnamed = (
                (det and det[0] in ("a", "an", "one", "another"))
                or (
                    owner
                    and owner[0].i not in self._token_cluster
                    and owner[0].lower_ not in PERSON_PRONOUNS
                )
                # '"...," said the woman, who did not want to be named', "The executive
                # spokeswoman said ...": a "woman" or "spokeswoman" no named person was
                # described as is nobody named (unlike an epithet: "the actor")
                or (
                    not owner
                    and det
                    and det[0] == "the"
                    and tok.lower_ in UNNAMED_UNLESS_DESCRIBED
                    and self.resolve_role(tok) is None
                )
            )
            if unnamed:
                entry = (tok.idx, GENDERED_NOUNS.get(tok.lower_))
                out.setdefault(self._sentence_of(tok), []).append(entry)
        return out

    def _unknown_name(self, tok: Token) -> bool:
        """'run by an administrator, Enrico Bondi, who has launched lawsuits': a name set after
        a role noun, as salient as a subject, that the model read as no person. Someone is
        there, so a pronoun after it names nobody further back."""
        return (
            tok.dep_ == "appos"
            and tok.pos_ == "PROPN"
            and tok.i not in self._token_cluster
            and tok.head.lower_ in UNNAMED_SPEAKER_NOUNS
            and not self.in_quote[tok.i]
            and (tok.head.dep_ in ("nsubj", "nsubjpass") or relative_subject(tok))
        )

    def _read_genders(self, pronouns: list[Token]) -> None:
        """'Clinton fired back ... She added': a subject he/she whose sentence, or the one
        before, names exactly one person (and no unnamed speaker) votes for that person's
        gender, once per sentence; a person without an honorific or family noun takes a clear
        majority."""
        votes: dict[int, dict[str, int]] = {}
        voted: set[tuple[int, int]] = set()  # (sentence, person): "She said she wished she"
        for tok in pronouns:
            gender = PERSON_PRONOUNS[tok.lower_]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            sent = self._sentence_of(tok)
            for k in (sent, sent - 1):
                people = {
                    cid for start, cid, _, _ in self._by_sentence.get(k, ()) if start < tok.idx
                }
                if self._unnamed.get(k) or len(people) > 1:
                    break
                if people:
                    cid = people.pop()
                    if (sent, cid) not in voted:
                        voted.add((sent, cid))
                        counts = votes.setdefault(cid, {"m": 0, "f": 0})
                        counts[gender] += 1
                    break
        for cid, counts in votes.items():
            c = self.clusters[cid]
            if c.gender is None:
                if counts["m"] >= 3 * counts["f"] and counts["m"]:
                    c.gender = "m"
                elif counts["f"] >= 3 * counts["m"] and counts["f"]:
                    c.gender = "f"

    def resolve_pronoun(self, tok: Token) -> int | None:
        """The person a he/she pronoun was resolved to."""
        return self._pronoun_of.get(tok.i)

    def _resolve(self, tok: Token) -> int | None:
        """Walking back sentence by sentence: the first subject of a compatible gender (a name
        or an already resolved pronoun) in the nearest sentence that names someone. An unnamed
        speaker there ('a spokeswoman said ... she added') means the pronoun is nobody named.
        A 'he said' whose nearest names are not subjects ('criticised by Jones') goes to the
        person last speaking in the window; otherwise to the first person named there."""
        gender = PERSON_PRONOUNS.get(tok.lower_)
        later = self._main_subject_after(tok)
        if later is not None and self._compatible(later, gender):
            return later
        sent = self._sentence_of(tok)
        para = self.paragraph_of(tok.idx)
        speaking = tok.dep_ in ("nsubj", "nsubjpass") and is_speaker(tok)
        if speaking:
            voice = self._voice_over_reported_name(tok, gender)
            if voice is not None:
                return voice
        fallback = None
        for k in range(sent, -1, -1):
            if k < sent and self._sentence_paragraph(k) <= para - PRONOUN_WINDOW_PARAGRAPHS:
                break
            items = [
                item
                for item in self._by_sentence.get(k, ())
                if item[0] < tok.idx
                and self._compatible(item[1], gender)
                and not (k == sent and item[2] < 2 and self._in_fronted_phrase(item[0], tok))
            ]
            unnamed = [
                start
                for start, g in self._unnamed.get(k, ())
                if start < tok.idx and (g is None or gender is None or g == gender)
            ]
            if not items and not unnamed:
                continue
            subjects = sorted((item for item in items if item[2]), key=lambda item: -item[2])
            # ('A spokeswoman said Andi Peters would stay on. She said ...': a subject inside
            # the words the unnamed speaker reports comes after her, but she spoke)
            voice = self._name_token(max(unnamed)) if unnamed else None
            if unnamed and not any(
                item[0] > max(unnamed)
                and not (voice is not None and self._in_reported_words(item[0], voice))
                for item in subjects
            ):
                return fallback  # nobody named, unless a nearer name was already found
            if subjects and fallback is None:
                # "Mensah would lead it, he said. 'We will win,' he promised": a pronoun that
                # speaks goes on with the one who spoke, not with a subject of the words reported
                voices = [item for item in subjects if item[3]] if speaking else []
                return (voices or subjects)[0][1]
            if subjects:
                # past the nearest names: the subject of this paragraph, or who last spoke
                if self._sentence_paragraph(k) == para:
                    return subjects[0][1]
                speakers = [item[1] for item in subjects if item[3]]
                return speakers[0] if speakers else fallback
            if fallback is None:
                fallback = items[0][1]
                if not speaking or self._introduced_in(fallback, k):
                    return fallback  # "One view came from Brian Gammage, of Gartner. He said:"
        return fallback

    def _in_fronted_phrase(self, start: int, tok: Token) -> bool:
        """'Like Gordon Hale, the bank's governor, he thinks ...', 'Asked about Hale, she
        said': a name in a phrase that opens the pronoun's own clause is someone else."""
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return False
        name = self._name_token(start)
        if name is None:
            return False
        return name.dep_ not in ("nsubj", "nsubjpass") and any(
            a.i == tok.head.i for a in name.ancestors
        )

    def _voice_over_reported_name(self, tok: Token, gender: str | None) -> int | None:
        """'Nobody, he claimed, could picture Kennedy. ... And Blair would lead the campaign, he
        said': where the only names before a speaking pronoun in its sentence stand inside the
        words it reports, the paragraph's last speaker goes on speaking. With no one speaking
        before in the paragraph the name may be the speaker ('Grayson would push for it, he
        said'), and the usual search decides."""
        sent = self._sentence_of(tok)
        before = [item for item in self._by_sentence.get(sent, ()) if item[0] < tok.idx]
        if not before or not all(self._in_reported_words(item[0], tok) for item in before):
            return None
        para = self.paragraph_of(tok.idx)
        voice = None
        for k in range(sent - 1, -1, -1):
            if self._sentence_paragraph(k) != para:
                break
            speakers = [item for item in self._by_sentence.get(k, ()) if item[3]]
            if speakers:
                voice = speakers[-1][1]
                break
        if voice is None or not self._compatible(voice, gender):
            return None
        return voice if all(item[1] != voice for item in before) else None

    def _in_reported_words(self, start: int, tok: Token) -> bool:
        """The name at `start` stands inside the words the speaker `tok` (a pronoun, or the
        noun of an unnamed speaker) reports, set before it ('Blair would lead it, he said';
        'Nobody, he claimed, could picture Kennedy') or after it ('A spokeswoman said Andi
        Peters would stay'), and not in a quotation that clause closes."""
        name = self._name_token(start)
        if name is None or any(self.in_quote[i] for i in range(name.i, tok.i)):
            return False
        verb = tok.head
        ancestors = {a.i for a in name.ancestors}
        if any(c.dep_ in ("ccomp", "parataxis") and c.i in ancestors for c in verb.children):
            return True
        own_words = any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)
        return (
            verb.dep_ in ("ccomp", "parataxis")
            and not own_words
            and (verb.head.i == name.i or verb.head.i in ancestors)
            and verb.i not in ancestors
        )

    def _main_clause_subject(self, start: int) -> bool:
        """The name at `start` is the subject of its sentence's main verb, not of a clause
        inside it ('where George Bush opposed it')."""
        name = self._name_token(start)
        verb = name.head if name is not None else None
        return verb is not None and (
            verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"
        )

    def _name_token(self, start: int) -> Token | None:
        """The head token of the name that starts at a character offset ('Gordon' -> 'Hale')."""
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return None
        name = span[0]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        return name

    def _introduced_in(self, cid: int, k: int) -> bool:
        """The person is introduced in sentence k: first named there, with a description
        ('Brian Gammage, vice-president of research at Gartner')."""
        names = [m for m in self.clusters[cid].mentions if m.kind == "name"]
        if not names or names[0].sentence != k:
            return False
        sent = self.doc[self._sent_starts[k]].sent
        lo, hi = sent.start_char, sent.end_char
        return any(
            lo <= start < hi and fold(text).rstrip(".") not in HONORIFICS
            for text, start, _ in self.clusters[cid].descriptors
        )

    def _sentence_paragraph(self, k: int) -> int:
        return self.paragraph_of(self.doc[self._sent_starts[k]].idx)

    def _main_subject_after(self, tok: Token) -> int | None:
        """'Even as he accused the department, Giuliani went on': a pronoun in a clause that
        opens the sentence refers to the main clause's named subject that follows it."""
        verb = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "advcl" or verb.i > verb.head.i:
            return None
        for child in verb.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i > tok.i:
                return self._token_cluster.get(child.i)
        return None

    def resolve_role(self, tok: Token) -> int | None:
        """The person a role noun designates ('the professor said', 'the Russian leader'): the
        most recent person described with that noun, else with a role of the same kind
        (leader ~ President), preferring one whose descriptors share the noun's modifiers;
        else the one an epithet points to."""
        found = self._described_as(tok)
        return found if found is not None else self._epithet_subject(tok)

    def _described_as(self, tok: Token) -> int | None:
        """The person the text described with a role noun, or a role of its kind."""
        from directory.extract.kinds import decide_kind

        noun = tok.lower_
        limit = self.paragraph_of(tok.idx) - ROLE_WINDOW_PARAGRAPHS
        modifiers = {fold(c.text) for c in tok.children if c.dep_ in ("amod", "compound")}
        role_kind = decide_kind([noun])
        best, best_key = None, None
        for c in self.clusters:
            last = max((m.start for m in c.mentions if m.start < tok.idx), default=-1)
            if last < 0 or self.paragraph_of(last) < limit:
                continue
            # (an honorific is read with the descriptor written before it: "New Home" +
            # "Secretary Charles Clarke")
            posts = [
                *c.descriptors,
                *((honorific_noun(h), m.start, m.start) for m in c.mentions for h in m.honorifics),
            ]
            helds = [_held_words(fold(d), modifiers) for d in _joined_descriptors(posts)]
            words = {w for h in helds if not _other_portfolio(h, noun, modifiers) for w in h}
            if noun in words:
                rank = 2
            elif (
                modifiers & words
                and role_kind != "other"
                and decide_kind([d[0] for d in c.descriptors]) == role_kind
            ):
                rank = 1
            else:
                continue
            key = (rank, len(modifiers & words), last)
            if best_key is None or key > best_key:
                best, best_key = c.id, key
        return best

    def resolve_epithet(self, tok: Token) -> int | None:
        """The person a role noun ('the professor') or a party member named by place ('the
        Florida Republican') designates, else None."""
        return self.resolve_role(tok) if role_noun(tok) else self._resolve_party_epithet(tok)

    def _resolve_party_epithet(self, tok: Token) -> int | None:
        """'Asked about it, the Florida Republican would only say ...': a party member named
        by place is the main subject of the sentence before, whatever post the text gave them."""
        if tok.lower_ not in ("republican", "democrat") or tok.tag_ not in ("NNP", "NN"):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        return self._epithet_subject(tok, any_post=True)

    @cached_property
    def _lead_sentence(self) -> int:
        """The sentence that opens the article's body, after its headline line."""
        text = self.doc.text
        line = text.find("\n", len(text) - len(text.lstrip()))
        if line < 0:
            return 0
        body = next((t for t in self.doc if t.idx > line and not t.is_space), None)
        return self._sentence_of(body) if body is not None else 0

    @staticmethod
    def _definite(tok: Token) -> bool:
        """'the foreign secretary': a role with "the" and no possessive or other owner."""
        return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
            c.dep_ == "poss" for c in tok.children
        )

    def _epithet_subject(self, tok: Token, any_post: bool = False) -> int | None:
        """'Marco Rubio still believes ... "...," the Florida senator told': an epithet no one
        was described with, right after a sentence whose one named subject the text has given
        no role, designates that subject. The epithet must say where or whose ("the Florida
        senator", "the British actor", "the Factory Records founder"); a bare office ("the home
        secretary") is more often someone else."""
        if tok.lower_ in NOT_EPITHETS or any(c.dep_ == "prep" for c in tok.children):
            return None  # "the spokesman", "the head of the firm": likely someone else
        k = self._sentence_of(tok)
        # "Jack Straw has attacked the ruling. | The foreign secretary said": right after the
        # lead, an office is the one the lead is about; further on, a bare office ("the home
        # secretary") is more often someone else
        after_lead = k > 0 and k - 1 == self._lead_sentence and self._definite(tok)
        if not after_lead:
            if not any(_names_a_place_or_body(c) for c in tok.children):
                return None
            if k == 0 or self._sentence_paragraph(k - 1) != self.paragraph_of(tok.idx):
                return None
        before_in_own = [e for e in self._by_sentence.get(k, []) if e[0] < tok.idx]
        subjects = {
            cid
            for start, cid, rank, _ in self._by_sentence.get(k - 1, [])
            if rank == 2 and self._main_clause_subject(start)
        }
        if before_in_own or len(subjects) != 1:
            return None
        cid = subjects.pop()
        if after_lead and any(
            m.kind == "name" and m.sentence == k for m in self.clusters[cid].mentions
        ):
            return None  # "the chancellor said Mr Baume was never there": not Mr Baume
        c = self.clusters[cid]
        titled = any(
            is_role_head(w) for text, _, _ in c.descriptors for w in _held_words(fold(text))
        )
        if (titled and not any_post) or not self._compatible(cid, GENDERED_NOUNS.get(tok.lower_)):
            return None
        return cid


def _names_a_place_or_body(modifier: Token) -> bool:
    """'Florida' in "the Florida senator", 'Factory Records' in "the Factory Records founder"."""
    return modifier.dep_ in ("amod", "compound") and (
        modifier.pos_ == "PROPN" or modifier.ent_type_ in ("GPE", "NORP", "ORG")
    )


# Words before a role that make it another post: the shadow chancellor is not "the chancellor".
OTHER_POST_MODIFIERS = frozenset({"shadow", "former", "ex", "deputy", "vice", "assistant"})


def _joined_descriptors(descriptors: list[tuple[str, int, int]]) -> list[str]:
    """Descriptors with those written side by side joined: "New Home" before the honorific
    "Secretary" of "Secretary Charles Clarke" is one post, "New Home Secretary"."""
    joined: list[list] = []
    for text, start, end in sorted(descriptors, key=lambda d: (d[1], -d[2])):
        if joined and start < joined[-1][2]:
            # inside one read already: the honorific of a descriptor's own name, which says
            # the post where the descriptor is only its abbreviation ("Sen." + "senator")
            if not any(is_role_head(w) for w in joined[-1][0].split()):
                joined[-1][0] += f" {text}"
            continue
        if joined and start - joined[-1][2] <= 1:
            joined[-1][0] += f" {text}"
            joined[-1][2] = max(end, joined[-1][2])
        else:
            joined.append([text, start, end])
    return [text for text, _, _ in joined]


# Posts named by their portfolio ("home secretary", "health spokesman"): another portfolio
# word before one makes it another post.
PORTFOLIO_POSTS = word_set("secretary minister spokesman spokeswoman spokesperson commissioner")


def _held_words(descriptor: str, shared: Collection[str] = ()) -> list[str]:
    """The words of a descriptor, less those a modifier makes another post, up to the role
    they open ("shadow chancellor" holds no "chancellor", "Deputy Prime Minister" no
    "minister"), unless the role noun it is read against has that modifier too (`shared`:
    "the former ambassador" of a "former UN Ambassador")."""
    held: list[str] = []
    other = False
    for word in descriptor.replace("-", " ").split():
        if other:
            other = not is_role_head(word)
            continue
        other = word in OTHER_POST_MODIFIERS and word not in shared
        held.append(word)
    return held


def _other_portfolio(held: list[str], noun: str, modifiers: set[str]) -> bool:
    """True when a descriptor holds the noun with another portfolio before it: "the foreign
    secretary" is not the "Home Secretary" (a party or nationality may be named either way:
    "the Tory leader" is the "Conservative leader")."""
    if noun not in PORTFOLIO_POSTS or noun not in held:
        return False
    if not {m for m in modifiers if not is_nationality(m)}:
        return False
    k = held.index(noun)
    before = held[k - 1] if k > 0 else None
    if before is None or before in ("the", "a", "an") or before.rstrip(".") in HONORIFICS:
        return False  # "Sen. senator": the honorific and the post it abbreviates
    return before not in modifiers and not is_nationality(before)
