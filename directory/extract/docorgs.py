"""What the whole article says about organisations, read once per doc.

An affiliation is often written short near the name and in full elsewhere:

- an acronym defined earlier: "the Mobile Data Association (MDA) ... the MDA's chairman";
- a short name: "Jupiter Research said ... Nate Elliott, Jupiter analyst";
- a reference back: "Marlow Capital said ... Its chief economist, Ruth Garner," or "an
  analyst at the firm";
- a town, not a body: "voters in Burnley ... Tony Martin, of Burnley".

`doc_orgs(doc)` builds the index on first use and keeps it on the doc.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from directory.extract.orgs import PLACE_LABELS, doc_text, has_org_word, proper_suffix
from directory.extract.places import is_known_place
from directory.extract.quotes import find_quotes
from directory.extract.roles import PARTY_WORDS, ROLE_HEADS, TITLE_MODIFIERS, is_nationality

INDEX_KEY = "directory.extract.docorgs:index"
ACRONYM_DEF_RE = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z&]{1,9})\s*\)")
# Words that never start an organisation's name at the front of a sentence.
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "&", "de", "du", "la", "in", "at"})
# Nouns a text uses to point back at a body it has named: "the firm's", "at the bank".
BACK_NOUNS = {
    "firm": "firm",
    "company": "firm",
    "group": "firm",
    "business": "firm",
    "bank": "firm",
    "consultancy": "firm",
    "broker": "firm",
    "organisation": "body",
    "organization": "body",
    "agency": "body",
    "charity": "body",
    "body": "body",
    "association": "body",
    "federation": "body",
    "confederation": "body",
    "council": "body",
    "society": "body",
    "trust": "body",
    "union": "body",
    "authority": "body",
    "commission": "body",
    "watchdog": "body",
    "regulator": "body",
    "hospital": "body",
    "foundation": "research",
    "laboratory": "research",
    "lab": "research",
    "insurer": "firm",
    "lender": "firm",
    "retailer": "firm",
    "institute": "research",
    "think-tank": "research",
    "think tank": "research",
    "centre": "research",
    "center": "research",
    "university": "teaching",
    "college": "teaching",
    "school": "teaching",
    "magazine": "media",
    "newspaper": "media",
    "journal": "media",
    "website": "media",
    "broadcaster": "media",
    "channel": "media",
    "publisher": "media",
    "studio": "media",
}
BACK_WINDOW = 800  # characters: a back reference points into the last paragraph or two
TEACHING_RE = re.compile(r"\b(?:University|College|School|Polytechnic)\b")
RESEARCH_RE = re.compile(r"\b(?:Institute|Institution|Centre|Center|Foundation|Council)\b")
# What a firm, never a place, is "in": "shares in X", "a 20% stake in X", "invested in X".
OWNED_IN_RE = re.compile(
    r"\b(?:shares|stake|stakes|holding|holdings|investment|investments|interest|invest|invested"
    r"|investing)\s+in\b",
    re.IGNORECASE,
)
UNBODIED_LABELS = frozenset({"DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
# An outlet the text reports through: "told the BBC", "BBC News website", "on Radio 4's Today".
OUTLET_BEFORE_RE = re.compile(r"\b(?:told|on|via|interview with)\s+(?:the\s+)?$")
OUTLET_AFTER_RE = re.compile(r"(?:['’]s)?\s*(?:News|Radio|TV|Online|programme|website)\b")


@dataclass
class OrgIndex:
    """Organisation names, acronyms and place names stated anywhere in one article."""

    acronyms: dict[str, str] = field(default_factory=dict)
    names: list[tuple[int, str]] = field(default_factory=list)  # (start offset, name)
    places: set[str] = field(default_factory=set)
    person_words: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    text: str = ""
    # words the model reads as a date, an event or a work somewhere ("Christmas shoppers")
    unbodied: set[str] = field(default_factory=set)
    # the one body the article is about ("Burren Energy" of a report on Burren's contracts)
    subject: str | None = None
    # answers already worked out, so each question costs one pass over the text per doc
    memo: dict[tuple[str, str], bool] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # the quoted spans' (start, end) offsets, found the first time they are asked for
    quotes: list[tuple[int, int]] | None = None

    def known_name(self, name: str) -> bool:
        """True when the text names this body in full somewhere."""
        key = ("name", name)
        if key not in self.memo:
            self.memo[key] = any(n == name for _, n in self.names)
        return self.memo[key]

    def used_lowercase(self, word: str) -> bool:
        """True when the text also writes this word in lower case ("the factory")."""
        key = ("lower", word)
        if key not in self.memo:
            self.memo[key] = bool(re.search(rf"\b{re.escape(word)}\b", self.text))
        return self.memo[key]

    def expand(self, name: str) -> tuple[str, str | None]:
        """The fullest form of an organisation the text gives, and its acronym.

        "MDA" -> ("Mobile Data Association", "MDA") when the text defined it; "Jupiter" ->
        ("Jupiter Research", None) when the text names Jupiter Research; else (name, None).
        """
        bare = re.sub(r"^(?:the|The)\s+", "", name).strip()
        if bare in self.acronyms:
            return self.acronyms[bare], bare
        # a town's name is a body's short name only where the text never writes "in <town>"
        # (and a nationality never is: "European director" is no post at a European body)
        town = self.used_as_place(bare) or bare in self.places and is_nationality(bare)
        if " " not in bare and bare[:1].isupper() and not town:
            longer = self.longer_name(bare, org_word=True)
            if longer and not self._named_alone(bare, longer):
                return longer, None
        return name, None

    def body_of_place_name(self, name: str) -> str | None:
        """The body a one-word place name stands for before a post ("Jupiter analyst" where
        the text names Jupiter Research), however often the text writes the short form: a
        post is held at a body, and the text names this one."""
        if " " in name or not name[:1].isupper() or self.used_as_place(name):
            return None
        if is_known_place(name) or is_nationality(name) or name.lower() in PARTY_WORDS:
            return None  # "US Customs Service", "Palestinian Authority": a country's bodies
        return self.longer_name(name, org_word=True)

    def count(self, name: str) -> int:
        """How many times the text writes a name as a whole word."""
        if name not in self.counts:
            self.counts[name] = len(re.findall(rf"\b{re.escape(name)}\b", self.text))
        return self.counts[name]

    def _named_alone(self, name: str, longer: str) -> bool:
        """True when the text writes the short name alone more often than the longer one, as a
        body of its own ("Barclays ... Barclays Capital investment bank"), not as a short form
        ("Jupiter Research said ... Jupiter analyst")."""
        whole = self.count(longer)
        return self.count(name) - whole > 2 * whole

    def longer_name(self, name: str, *, org_word: bool = False) -> str | None:
        """The shortest organisation name the text gives that starts with this one ("Jupiter"
        -> "Jupiter Research"), if any."""
        longer = [
            n
            for _, n in self.names
            if n.startswith(name + " ") and "(" not in n and (has_org_word(n) or not org_word)
        ]
        return min(longer, key=len) if longer else None

    def academy_named_for(self, place: str) -> str | None:
        """The university or college the text names after a place ("University of
        Hertfordshire", "Leeds Metropolitan University" for "Leeds"), if any."""
        escaped = re.escape(place)
        pattern = re.compile(
            rf"(?:{ACADEMY_WORDS})(?: of)? {escaped}|{escaped}(?: [A-Z]\w+)? (?:{ACADEMY_WORDS})"
        )
        found = [n for _, n in self.names if pattern.fullmatch(n)]
        return min(found, key=len) if found else None

    def is_place(self, name: str) -> bool:
        """True when the text uses this name as a town, region or country elsewhere ("voters
        in Burnley,")."""
        if name in self.places:
            return True
        return self.used_as_place(name)

    def used_as_place(self, name: str) -> bool:
        """True when the text writes "in/near/to <name>": surer than the model's reading, which
        an unknown firm often gets, and gets again at each mention ("Capgemini's principal
        consultant")."""
        key = ("place", name)
        if key not in self.memo:
            # not "according to Q magazine editor X": a source, not a destination; nor
            # "shares in X", "a stake in X": a firm owned, not a place
            pattern = (
                rf"\b(?<!according )(?:in|near|to|across|around) {re.escape(name)}"
                r"(?:[,.;]|\s+[a-z])"
            )
            self.memo[key] = any(
                not OWNED_IN_RE.search(self.text, max(0, m.start() - 20), m.start() + 3)
                for m in re.finditer(pattern, self.text)
            )
        return self.memo[key]

    def is_person(self, name: str) -> bool:
        """True when the name (or its last word) is a person named in the text."""
        return name in self.person_words  # full names and the last word of each

    def named_with(self, word: str, pos: int) -> str | None:
        """The last longer name before offset `pos` that has this word in it ("Committee" ->
        "Constitutional Affairs Select Committee"), if the text gives one."""
        k = bisect.bisect_left(self.names, (pos, ""))
        for start, name in reversed(self.names[:k]):
            if word in name.split() and name != word and not self.inside_quote(start):
                return name
        return None

    def inside_quote(self, pos: int) -> bool:
        """True when offset `pos` falls inside quotation marks: a body a speaker names ("members
        of the Nazi Party") is none the reporter points back to."""
        if self.quotes is None:
            self.quotes = [(q.outer_start, q.outer_end) for q in find_quotes(self.text)]
        return any(start <= pos < end for start, end in self.quotes)

    def before(self, pos: int, noun: str | None = None) -> str | None:
        """The organisation named last before offset `pos` (within the back-reference window)
        that fits `noun` ("the university" wants a University, "the firm" anything but one)."""
        family = BACK_NOUNS.get(noun or "", "")
        k = bisect.bisect_left(self.names, (pos, ""))
        if noun:
            # "the bank's": a Bank named in the window comes first
            for start, name in reversed(self.names[:k]):
                if pos - start > BACK_WINDOW:
                    break
                if noun.title() in name.split() and (name not in self.outlets or family == "media"):
                    return name
        while k > 0:
            k -= 1
            start, name = self.names[k]
            if pos - start > BACK_WINDOW:
                return None
            if name in self.outlets and family != "media":
                continue  # "told the BBC": the outlet reporting, not the body talked about
            teaching = bool(TEACHING_RE.search(name))
            if family == "teaching" and not teaching:
                continue
            if family in ("firm", "media") and (teaching or RESEARCH_RE.search(name)):
                continue
            if family == "research" and not RESEARCH_RE.search(name) and not teaching:
                continue
            return name
        return None


ACRONYM_RE = re.compile(r"[A-Z][A-Z&.]{1,9}")


def initials(name: str) -> str:
    """The capitals a name's acronym would have: "Ernst & Young" -> "E&Y", "Institute of Public
    Policy Research" -> "IPPR"."""
    out = []
    for word in name.split():
        if word == "&":
            out.append("&")
        elif word[:1].isupper():
            out.append(word[0])
    return "".join(out)


def doc_orgs(doc: Doc) -> OrgIndex:
    """The article's organisation index, built on first use."""
    index = doc.user_data.get(INDEX_KEY)
    if index is None:
        index = doc.user_data[INDEX_KEY] = build_index(doc)
    return index


def build_index(doc: Doc) -> OrgIndex:
    """Read every organisation entity, acronym definition and place name of a doc."""
    text = doc_text(doc)
    index = OrgIndex(text=text)
    names: dict[int, str] = {}
    for ent in doc.ents:
        label = ent.label_
        name = re.sub(r"^(?:the|The)\s+", "", ent.text).strip(" .,'’")
        if label == "ORG" or has_org_word(name) and label not in PLACE_LABELS:
            if name and name[:1].isupper() and "\n" not in name:
                name = re.sub(r"['’]s$", "", name)
                names[ent.start_char] = name
                before = text[max(0, ent.start_char - 25) : ent.start_char]
                if OUTLET_BEFORE_RE.search(before) or OUTLET_AFTER_RE.match(
                    text, ent.end_char, ent.end_char + 25
                ):
                    index.outlets.add(name)
        elif label in PLACE_LABELS and len(ent) <= 3 or label == "NORP" and is_nationality(name):
            index.places.add(name)  # a nationality ("Welsh") is no short name of a body
        elif label in UNBODIED_LABELS:
            index.unbodied.update(t.text for t in ent)
        elif label == "PERSON" and len(ent) > 1 and " " in ent.text.strip():
            # "Bernie Sanders" names a person; "Douglas-Westwood" is a firm named after two
            index.person_words.add(ent.text)
            index.person_words.add(ent[-1].text)
    for match in ACRONYM_DEF_RE.finditer(text):
        head = text[max(0, match.start() - 120) : match.start()].rstrip()
        span = proper_suffix(head)
        if span is None:
            continue
        full = head[span[0] : span[1]]
        full = re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", full))
        acr = match.group("acr")
        words = [w for w in full.split() if w.lower() not in NAME_JOINERS]
        if len(words) > 1 and words[0][:1].upper() == acr[0].upper():
            index.acronyms.setdefault(acr, full)
            names[match.start() - len(head) + span[0]] = full
    index.names = sorted(names.items())
    # "E&Y" for Ernst & Young, "IPPR" for the Institute of Public Policy Research: an acronym
    # the text uses without defining it, when it spells a name the text gives in full
    spelt = {initials(n): n for _, n in index.names if len(n.split()) > 1}
    for _, name in index.names:
        if ACRONYM_RE.fullmatch(name) and name not in index.acronyms:
            full = spelt.get(name.replace(".", "")) or spelt.get(name.replace("&", ""))
            if full:
                index.acronyms[name] = full
    # A word used as an organisation and a place (a football club, a council) stays a place
    # only when the text also says "in <name>".
    for place in list(index.places):
        if any(n == place for _, n in index.names) and f"in {place}" not in text:
            index.places.discard(place)
    index.subject = article_subject(index)
    return index


ACADEMY_WORDS = "University|College|Polytechnic"
SUBJECT_LEAD = 2  # the subject is named at least this many times as often as any other body
LEAD_RE = re.compile(r"[^\n]*\n+.{0,400}?[.!?](?:\s|$)", re.DOTALL)  # headline, first sentence


HEADLINE_NAME_RE = re.compile(r"(?P<name>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})(?:['’]s)?[ ,:]")


def _could_name_a_body(name: str, index: OrgIndex) -> bool:
    """Whether the words opening a headline may be a body's name: not a place, a people, a
    person named in the text, a role or a word the text also writes in lower case."""
    first = name.split()[0]
    return not (
        is_known_place(name)
        or is_nationality(first)
        or first in index.person_words
        or first in index.unbodied
        or first.lower() in ROLE_HEADS | TITLE_MODIFIERS
        or re.search(rf"\b{re.escape(first.lower())}\b", index.text)
    )


def article_subject(index: OrgIndex) -> str | None:
    """The body the article is about: named in its headline or first sentence, at least three
    times in all (short forms too: "Burren" of "Burren Energy"), and twice as often as any
    other, however short the other is written ("Tessel" of "Tessel Mining")."""
    full_names = {index.acronyms.get(n, n) for _, n in index.names}
    # a person the model also read as a body ("Bell" of "Charlie Bell") is never the subject
    surnames = {w for w in index.person_words if " " not in w}
    full_names -= index.outlets | index.places | surnames
    # a firm the model missed, or read as a place, opens the headline ("Electrolux to export")
    opener = HEADLINE_NAME_RE.match(index.text)
    if opener and _could_name_a_body(opener.group("name"), index):
        full_names.add(opener.group("name"))

    # "Burren" is short for "Burren Energy"; but "Yukos" is not short for "Yukos USA", a part
    # of it in a place
    shortest: dict[str, str] = {}
    for name in full_names:
        longer = [n for n in full_names if n.startswith(name + " ")]
        part = len(longer) == 1 and is_known_place(longer[0][len(name) + 1 :])
        full = longer[0] if len(longer) == 1 and not part else name
        if len(name) < len(shortest.get(full, full + " ")):
            shortest[full] = name
    if not shortest:
        return None

    best = max(shortest, key=lambda full: index.count(shortest[full]))
    # another body counts by its first word alone, so a short form the model missed counts too;
    # a longer name opening with the subject's ("Yukos USA") is one of its parts
    others = [
        index.count(full.split()[0])
        for full in shortest
        if full != best and not full.startswith(shortest[best] + " ")
    ]
    lead = LEAD_RE.match(index.text)
    named_first = lead and re.search(rf"\b{re.escape(shortest[best])}\b", lead.group())
    if named_first and index.count(shortest[best]) >= max([3, *(SUBJECT_LEAD * n for n in others)]):
        return best
    return None
