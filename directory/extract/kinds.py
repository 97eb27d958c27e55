"""Deciding a person's kind (expert, official, spokesperson, other) from title and context.

The vocabularies are in `directory.extract.roles`, one family per convention: a person is an
expert when quoted for expertise or analysis, never for an honorific, a party or a campaign.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from directory.extract.patterns import KIN_NOUNS
from directory.extract.places import is_only_a_place
from directory.extract.roles import (
    ACADEMIC_WORDS,
    ACTIVIST_WORDS,
    ADVOCACY_ORG_WORDS,
    ANALYSIS_FIRM_WORDS,
    ANALYST_WORDS,
    ART_WORDS,
    CAMPAIGN_WORDS,
    CLERGY_WORDS,
    COMPANY_ORG_WORDS,
    CRITIC_WORDS,
    ELECTED_WORDS,
    FORMER_LEGAL_WORDS,
    FORMER_OFFICE_WORDS,
    INSTITUTION_HEADS,
    LEAD_WORDS,
    LEARNER_WORDS,
    MEDICAL_WORDS,
    OFFICIAL_WORDS,
    PARTY_WORDS,
    PAST_WORDS,
    POLITICIAN_WORDS,
    PUBLIC_BODY_WORDS,
    RELIGIOUS_ORG_WORDS,
    RESEARCH_ORG_WORDS,
    RESEARCH_VERBS,
    SERVICE_ROLES,
    SPOKESPERSON_PHRASES,
    TEACHING_ORG_WORDS,
    is_academic,
    role_word,
)
from directory.text import NEUTRAL_HONORIFICS, fold, word_set

# Research units named in lower case in a title ("who heads a project on government secrecy",
# "project manager"); descriptors are too loose for these ("a vanity project").
RESEARCH_UNIT_WORDS = frozenset({"think-tank", "tank", "project", "programme", "program"})
# People someone is close to, as kin are: "a friend of the Tory leader" holds no post of theirs.
RELATION_NOUNS = word_set("friend ally confidant confidante classmate neighbour neighbor rival")
# What follows "to", "under" or "for" describes somebody else ("aide to Sen. Ted Cruz"), and
# so does an office or a doctor's title before a possessive or after "of".
OTHER_PERSON_RE = re.compile(
    r"\b(?:to|under|for)\b.*"
    # "a former official in President Bill Clinton's administration": whose administration;
    # "one of Professor Ann Lee's students": whose students
    r"|(?i:\b(?:president|governor|gov\.|mayor|senator|sen\.|prime minister|premier"
    r"|professor|prof\.?|dr\.?)\s+(?:[\w.-]+\s+){0,3}[\w-]+['\u2019]s\b)"
    # "a student of Professor Ann Lee", "who worked with Dr Hale"
    r"|(?i:\b(?:of|with)\s+(?:professor|prof\.?|dr\.?)\s.*)"
    # "the younger brother of Reliance Group president Mukesh Ambani": whose brother
    # (up to an "and" that goes on about the person: "the daughter of Indian immigrants and the
    # first female governor of South Carolina")
    # and "a friend of the Tory leader", "a close ally of the governor": whose friend
    rf"|(?i:\b(?:{'|'.join(sorted(KIN_NOUNS | RELATION_NOUNS))})s?\s+(?:of|to)\b(?:(?!\s+and\s).)*)"
)
# A relative clause tells a story about the person, not their post ("a pollster who worked on
# Mr. Obama's campaign" is a pollster).
CLAUSE_RE = re.compile(
    r"\s*(?:,\s*)?\b(?:who|whose|which|that)\b.*"
    # "one of the attackers, based on accounts from law enforcement officials": the source of
    # the description, not the person's post ("according to" is cut with what follows "to")
    r"|\s*(?:,\s*)?\bbased on\b.*"
)
PAST_TENURE_RE = re.compile(
    r"\bfrom (?:19|20)\d\d to (?:19|20)\d\d\b|\bthen-"
    # "an official during George W. Bush's administration": a post that ended with it
    r"|(?i:\bduring\s+(?:the\s+)?[\w.'\u2019 -]{1,60}?\b(?:administration|presidency|government)\b)"
)
WORD_RE = re.compile(r"[\w'-]+")
# "fellow Democrats", "fellow Sen. Cruz", "his fellow candidates": an adjective, not a post.
FELLOW_ADJECTIVE_RE = re.compile(
    r"\bfellow\s+(?:[A-Z]|(?:party|members?|candidates?|citizens?|students?|workers?|"
    r"countrym[ae]n|travell?ers?|passengers?|players?|democrats?|republicans?)\b)"
)
# "fellow" is a post when a word qualifies it or a body follows it ("senior fellow", "research
# fellow", "a fellow at the Brookings Institution"); alone before a noun or name it is an
# adjective ("fellow broadcaster", "fellow Tory David Hale").
FELLOW_POST_RE = re.compile(
    r"\b(?!(?:a|an|the|his|her|their|its|our|my|your)\b)[a-z][\w-]*\s+fellows?\b\s*"
    r"(?:$|[,;(]|\b(?:at|of|in|with|for|and)\b)"
    r"|\bfellows?\s+(?:at|of|in|with)\b"
)
# A service role with a possessive pronoun serves that person: "his chief strategist", "her
# pollster", "their lawyer".
PRONOUN_SERVICE_RE = re.compile(
    r"\b(?:his|her|their)\s+(?P<words>(?:[\w-]+\s+){0,3}[\w-]+)", re.IGNORECASE
)
# A service role that names whom it serves: "lawyer for the family", "adviser to the group",
# "representing the directors", "Mr Brown's former advisor", "Bloomberg's pollster".
SERVES_RE = re.compile(r"\b(?:for|to|representing|acting for)\s+\S")
OWNER_RE = re.compile(r"(?P<owner>[A-Z][\w.'-]*)(?:'s|’s|')\s+(?:[\w-]+\s+){0,3}(?P<role>[\w-]+)")
# A clause saying the person, or the body they lead, does research.
RESEARCH_CLAUSE_RE = re.compile(
    r"\b(?:who|which|that)\s+(?:also\s+)?"
    # "president of Exhibitor Relations, which compiles box office statistics"
    r"(?:studies|researches|tracks|monitors|analy[sz]es|compiles|surveys|forecasts)\b"
)
# An aide named by whom they served: "Obama adviser", "Mr Brown's former advisor", "adviser
# to then-President George W. Bush", "speechwriter to Secretary of State X".
PERSONAL_AIDE_RE = re.compile(
    r"\b[A-Z][\w.-]+(?:['’]s)?\s+(?:(?:former|senior|top|chief|political|economic|longtime)\s+)*"
    r"(?:adviser|advisor|aide|speechwriter)\b"
    r"|\b(?:adviser|advisor|aide|speechwriter|strategist)\s+(?:to|for)\s+(?:then-)?[A-Z]"
)
# A service role after the name it serves, and nothing else: "Sanders strategist".
NAMED_OWNER_RE = re.compile(
    r"(?P<owner>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?)\s+"
    r"(?:(?:campaign|senior|chief|top|longtime|political|media|lead)\s+)*"
    r"(?:strategist|pollster|adviser|advisor|consultant|aide)$"
)
# "keynote speakers", "a motivational speaker": who speaks at events holds no Speaker's chair
# ("House Speaker", "Commons Speaker", "Deputy Speaker" do).
EVENT_SPEAKER_RE = re.compile(
    r"\b(?:keynote|guest|motivational|inspirational|corporate|public|conference|fellow|"
    r"after-dinner|featured)\s+speakers?\b",
    re.IGNORECASE,
)
GENERAL_RE = re.compile(
    r"\bgeneral\s+(?=manager|counsel|partner|practitioner)|(?<=director)[\s-]+general\b",
    re.IGNORECASE,
)
# A firm's ranks of vice-president: "senior vice president, Microsoft home and entertainment
# division" holds no public office (a country's vice-president is never "senior" or "executive").
CORPORATE_VICE_RE = re.compile(
    r"\b(?:senior|executive|group|corporate|assistant|regional)\s+vice[\s-]+president"
    # "vice president of search properties": a firm's function, not a country or a body
    r"|\bvice[\s-]+president\s+(?:of|for)\s+(?!(?:the|a|an)\b)(?-i:[a-z])",
    re.IGNORECASE,
)
# Marks of a past post: "former", "four years ago", "during her failed 2008 run".
PAST_RE = re.compile(
    r"\b(?:former|formerly|ex|then|previously|once|ago|retired|during)\b"
    r"|\b(?:in|from) (?:19|20)\d\d\b"
)
# Acting for a side, wherever it is said: "a strategist who is representing the industry".
REPRESENTING_RE = re.compile(r"\b(?:representing|represents|acting for|on behalf of)\b")
# A critic of an art ("film critic", "chief theatre critic"): a reviewer.
ART_CRITIC_RE = re.compile(r"\b(?:" + "|".join(sorted(ART_WORDS)) + r")\s+(?:[\w-]+\s+)?critics?\b")
# A critic writing for a publication: "chief critic at The Courier".
PAPER_CRITIC_RE = re.compile(r"\bcritic\s+(?:for|at|with)\s+(?:the\s+)?[A-Z]")
# A radio host is a commentator; an awards or television host is an entertainer.
# A newsroom's beat editors report the news ("BBC political editor Andrew Marr"); a
# publication's other editors are quoted for their judgement ("reviews editor", "news editor
# of Macworld").
BEAT_EDITOR_RE = re.compile(
    r"\b(?:political|politics|economics|business|diplomatic|home affairs|world affairs)\s+editor\b"
)
PARTY_CHAIRS = frozenset({"chairman", "chairwoman", "chair"})
# Where someone stands on a side without working for it: a scholar who is also a delegate or
# a donor is still quoted as a scholar.
SIDE_STANDINGS = frozenset({"delegate", "superdelegate", "donor", "supporter", "backer"})
# Public bodies a party member may chair ("Republican chairman of the House Intelligence
# Committee" holds a public post).
CHAIRED_BODIES = frozenset(
    {"committee", "subcommittee", "house", "senate", "council", "commission", "parliament"}
)
HOST_RE = re.compile(r"\b(?:radio|talk-radio)\b.*\bhost\b")


def words_of(text: str) -> list[str]:
    """Lower-case, accent-folded words of a phrase."""
    return [w.strip("'.") for w in WORD_RE.findall(fold(text))]


def own_part(phrase: str) -> str:
    """The part of a descriptor about the person's own post: before a relative clause."""
    return CLAUSE_RE.sub("", phrase)


def _owned(phrase: str, organizations: set[str]) -> bool:
    """True when a service role (adviser, pollster, lawyer) belongs to a person or party named
    in the possessive, not to a firm: "Bloomberg's pollster", "Mr Brown's former advisor"."""
    for match in OWNER_RE.finditer(phrase):
        role = role_word(match.group("role")) or ""
        if role in SERVICE_ROLES and fold(match.group("owner")) not in organizations:
            return True
    return any(
        (role_word(w) or "") in SERVICE_ROLES
        for m in PRONOUN_SERVICE_RE.finditer(phrase)
        for w in m.group("words").split()
    )


def _serving(phrase: str, organizations: set[str]) -> bool:
    """True when a service role names whom it works for: "Bloomberg's pollster", "lawyer for
    the family", "senior adviser to the group"."""
    if _owned(phrase, organizations):
        return True
    folded = fold(phrase)
    for word in words_of(phrase):
        role = role_word(word)
        if role in SERVICE_ROLES:
            after = folded[folded.find(word) + len(word) :].lstrip()
            serves = SERVES_RE.match(after)
            # "consultant for (security firm) Sophos" works at a firm; "adviser to the group"
            # serves a side
            if serves is None:
                continue
            named = after[serves.end() - 1 :].split(",")[0]
            if not any(
                re.match(rf"(?:[a-z-]+\s+){{0,2}}{re.escape(o)}\b", named) for o in organizations
            ):
                return True
    return False


def _named_owner(phrase: str, people: Collection[str]) -> bool:
    """True for a service role written after the name of a person the article names, whom it
    serves ("Sanders strategist", "Clinton pollster"); not after a firm ("Gartner consultant")
    or a party ("Republican pollster")."""
    match = NAMED_OWNER_RE.match(phrase.strip())
    return match is not None and match.group("owner").split()[-1] in people


def _told_past(phrase: str, raw: list[str]) -> bool:
    """True when a longer description holding this phrase marks it as past ("a strategist on
    McCain's campaign" within "... campaign in 2008")."""
    return any(phrase in p and p != phrase and PAST_RE.search(p) for p in raw)


def _expert_role(words: set[str], phrases: list[str]) -> bool:
    """True when a role word says expertise: a scholar, analyst, critic or doctor."""
    for word in words:
        role = role_word(word) or word
        if role == "fellow":
            if any(FELLOW_POST_RE.search(fold(p).lower()) for p in phrases) and not any(
                FELLOW_ADJECTIVE_RE.search(p) for p in phrases
            ):
                return True
        elif role == "host":
            if any(HOST_RE.search(fold(p)) for p in phrases):
                return True
        elif role == "editor" and any(BEAT_EDITOR_RE.search(fold(p)) for p in phrases):
            continue
        elif role == "critic":
            if any(ART_CRITIC_RE.search(fold(p)) or PAPER_CRITIC_RE.search(p) for p in phrases):
                return True
        elif (
            role in ACADEMIC_WORDS
            or is_academic(role)
            or role in ANALYST_WORDS
            or role in CRITIC_WORDS
            or role in MEDICAL_WORDS
            or word in RESEARCH_VERBS
        ):
            return True
    return False


def _research_clause(phrase: str) -> bool:
    """A clause saying the person, or a body they lead, does research; a parliamentary
    committee or a ministry that "monitors" a department oversees it ("chairs the select
    committee which monitors the Home Office")."""
    for match in RESEARCH_CLAUSE_RE.finditer(phrase):
        before = words_of(phrase[: match.start()])
        if before and (before[-1] in PUBLIC_BODY_WORDS or before[-1] in CHAIRED_BODIES):
            continue
        return True
    return False


# A firm's executive posts, held now.
EXECUTIVE_ROLES = frozenset({"executive", "ceo", "cfo", "coo", "cto"})


def _former_official(phrases: list[str]) -> bool:
    """'retired Army Lt. Gen.', 'former Federal Reserve chairman', 'former deputy national
    security adviser for counterterrorism': out of office, and never an elected politician.
    Words after 'to', 'under' and 'for' describe somebody else and are ignored. A politician's
    own aide ('former Obama adviser', 'adviser to then-President Bush') was personal staff,
    not an official."""
    own: set[str] = set()
    past = False
    office = False
    partisan = False
    for phrase in phrases:
        words = set(words_of(OTHER_PERSON_RE.sub(" ", fold(phrase))))
        own |= words
        past = past or bool(words & PAST_WORDS) or bool(PAST_TENURE_RE.search(phrase))
        held = bool(words & FORMER_OFFICE_WORDS) and not PERSONAL_AIDE_RE.search(phrase)
        office = office or held
        # a party's own office ("former Democratic Party chairman", "former Republican county
        # chairman") was partisan, not public: no expert. The party word must qualify the
        # office itself: "former Federal Reserve chairman ..., a Republican" held a public one.
        partisan = partisan or held and bool(words & PARTY_WORDS or "party" in words)
    return past and office and not own & POLITICIAN_WORDS and not partisan


# Offices a firm has too: "chairman of Santander", "president of StreamCast Networks".
CORPORATE_HEADS = frozenset({"president", "vice-president", "chairman", "chairwoman", "chair"})
FIRM_WORDS = word_set("company firm")
PRIMARY_WINNER_RE = re.compile(
    r"\b(?:winner|victor) of (?:[\w'’-]+ ){0,6}?(?:primary|primaries|caucus|caucuses)\b"
    r"|\b(?:primary|caucus) (?:winner|victor)\b",
    re.IGNORECASE,
)
ECONOMIC_ADVISER_RE = re.compile(r"\beconomic advis[eo]r\b", re.IGNORECASE)
# An adviser "to" someone serves them: "chief economic adviser to the Treasury".
ADVISER_TO_RE = re.compile(r"\badvis[eo]rs?\s+(?:to|for)\b", re.IGNORECASE)
# Words in the name of a public body that says nothing else of itself ("US Federal Reserve").
PUBLIC_NAME_WORDS = word_set("federal reserve central national state royal")


def _heads_a_firm(roles: set[str], title: set[str], organizations: list[str] | tuple) -> bool:
    """True when the only offices in a title are ones a firm has too, held at a body that is
    no public body, party, chamber or country: a firm's chairman or president holds no public
    office."""
    offices = roles & OFFICIAL_WORDS
    if not offices or not offices <= CORPORATE_HEADS:
        return False
    if not organizations:
        # "company president Lee Scott", "chairman and chief executive officer Bill Ford": the
        # title says it is a firm's
        return bool(title & FIRM_WORDS or roles & EXECUTIVE_ROLES)
    if any(is_only_a_place(org) for org in organizations):
        return False  # "President of Iran", not "GM Europe president"
    # the body may be named in the title alone ("commission president")
    words = title | {w for org in organizations for w in words_of(org)}
    return not words & (PUBLIC_BODY_WORDS | CHAIRED_BODIES | PUBLIC_NAME_WORDS | PARTY_WORDS)


def org_kind(organizations: list[str] | tuple) -> str | None:
    """What the organisations someone is quoted for make them when no role is stated:
    "expert" for a research body, bank or analyst house, "other" for government, parties,
    advocacy groups, companies and media, "unknown" for a name that says nothing."""
    if not organizations:
        return None
    words = {w for org in organizations for w in words_of(org)}
    if words & (RESEARCH_ORG_WORDS | TEACHING_ORG_WORDS | ANALYSIS_FIRM_WORDS):
        return "expert"
    if words & (PUBLIC_BODY_WORDS | ADVOCACY_ORG_WORDS | COMPANY_ORG_WORDS | RELIGIOUS_ORG_WORDS):
        return "other"
    return "unknown"


def decide_kind(
    descriptors: list[str],
    title: str | None = None,
    organizations: list[str] | tuple = (),
    people: Collection[str] = (),
) -> str:
    """expert / official / spokesperson / other, from the phrases describing a person and the
    organizations they work at.

    'a professor of politics' -> expert; 'White House press secretary' -> spokesperson;
    'Sen.' or 'the Chancellor' -> official; 'chief executive of Nucor' -> other;
    'president of the Thomas B. Fordham Institute' -> expert (a research body);
    'chairman of the Small Traders Forum' -> other (an advocacy body);
    'Clinton campaign chairman' or 'Bloomberg's pollster' -> other (campaign staff);
    'a lifelong Democrat' -> other (a party word makes nobody an official);
    'Sanders strategist' -> other when `people`, the names the article gives people (full
    names and surnames), holds Sanders.
    """
    # "general manager", "general counsel", "director general": no general
    # (a title of several descriptors is read as each: "Chief executive; former official")
    titles = (title or "").split("; ")
    raw = [EVENT_SPEAKER_RE.sub("", GENERAL_RE.sub("", p)) for p in [*titles, *descriptors] if p]
    # "the winner of Tuesday's Wyoming Republican primary": a nominee
    raw = [PRIMARY_WINNER_RE.sub("nominee", p) for p in raw]
    phrases = [own_part(p) for p in raw]
    phrases = [p for p in phrases if p]
    words: set[str] = set()
    for phrase in phrases:
        # "former aide to Sen. Ted Cruz": the senator is somebody else
        words.update(words_of(OTHER_PERSON_RE.sub(" ", phrase)))
    words -= NEUTRAL_HONORIFICS  # "Dr" or "Mr" decides nothing
    roles = {role_word(w) or w for w in words}
    stated = {role_word(w) for w in words} - {None}
    orgs = {fold(o) for o in organizations}
    # "a campaign aide during her 2008 run", "strategist for Romney's campaign four years ago":
    # a past post neither makes campaign staff nor says whom the person serves now
    # (a title cut short of its date counts as past when a fuller description of it is)
    current = [p for p in phrases if not PAST_RE.search(p) and not _told_past(p, raw)]
    current_roles: set[str] = set()
    for phrase in current:
        current_roles.update(role_word(w) or w for w in words_of(phrase))
    org_words: set[str] = set()
    for org in organizations:
        org_words.update(words_of(org))
    joined = " ".join(fold(p) for p in phrases)
    if any(p in joined for p in SPOKESPERSON_PHRASES):
        return "spokesperson"
    side = current_roles & (CAMPAIGN_WORDS | ACTIVIST_WORDS)
    title_roles = {role_word(w) or w for w in words_of(title or "")}
    if side and not (title_roles & OFFICIAL_WORDS and not title_roles & side):
        # campaign staff, supporters and activists speak for a side; an office the title
        # states outweighs "a staunch supporter of the pact" said of its holder elsewhere
        scholar = org_words & (RESEARCH_ORG_WORDS | TEACHING_ORG_WORDS) and _expert_role(
            words, phrases
        )
        if scholar and side <= SIDE_STANDINGS:
            return "expert"  # "a senior fellow at the Brookings Institution and a superdelegate"
        return "other"
    if words & CLERGY_WORDS:
        return "other"  # clergy speak for a faith
    serving = any(_serving(p, orgs) or _named_owner(p, people) for p in current) or any(
        REPRESENTING_RE.search(p) for p in raw
    )
    if stated & SERVICE_ROLES and org_words & (ADVOCACY_ORG_WORDS | PUBLIC_BODY_WORDS):
        serving = True  # "the group's chief strategist" at a campaign group or a party
    # "Ben Carson, the only doctor on stage" of a candidate: one running for or holding an
    # elected office now is quoted as a politician, whatever else they are
    elected = bool(current_roles & ELECTED_WORDS)
    if not serving and not elected and _expert_role(words, phrases):
        return "expert"
    firm_economist = (
        organizations
        and ECONOMIC_ADVISER_RE.search(joined)
        and not any(ADVISER_TO_RE.search(p) for p in raw)
        and not org_words & PUBLIC_BODY_WORDS
    )
    if firm_economist and not serving:
        return "expert"  # "Deloitte's chief economic advisor": a firm's economist
    if any(_research_clause(p) for p in raw):
        return "expert"  # "who studies ...", "which tracks terrorist groups"
    if "former" in words and roles & FORMER_LEGAL_WORDS and not roles & POLITICIAN_WORDS:
        return "expert"  # a former prosecutor commenting on a case that is not theirs
    title_words = set(words_of(title or ""))
    research_org = bool(
        org_words & RESEARCH_ORG_WORDS
        or {"think-tank", "tank"} & words
        or RESEARCH_UNIT_WORDS & title_words
    )
    if research_org and (roles & LEAD_WORDS or not roles & OFFICIAL_WORDS):
        return "expert"  # the director of a research institute or think tank
    learner = bool(stated) and stated <= LEARNER_WORDS
    teaching = (
        org_words & TEACHING_ORG_WORDS and roles and not learner and not roles & INSTITUTION_HEADS
    )
    if teaching and (not roles & OFFICIAL_WORDS or roles & LEAD_WORDS):
        return "expert"  # "chairs the political science department" at a university
    if org_words & ADVOCACY_ORG_WORDS and roles & LEAD_WORDS:
        return "other"  # the head of an advocacy group, forum or trade body
    owned = any(_owned(p, orgs) for p in phrases)
    # (a firm's chief executive now, who once held office, speaks for the firm: "Chief
    # executive Franklin Raines, a former senior official in the Clinton administration")
    if not owned and _former_official(raw):
        if current_roles & EXECUTIVE_ROLES:
            return "other"
        return "expert"  # a retired general or ex-adviser quoted for analysis
    party_chair = (
        roles & OFFICIAL_WORDS <= PARTY_CHAIRS
        and bool(words & PARTY_WORDS or "party" in words)
        and not words & CHAIRED_BODIES
    )
    if any(CORPORATE_VICE_RE.search(p) for p in phrases):
        roles -= {"president", "vice-president"}
    if _heads_a_firm(roles, title_words, organizations):
        roles -= CORPORATE_HEADS
    if roles & OFFICIAL_WORDS and not party_chair:
        return "official"  # (the chairman of a party or its county branch holds no public office)
    if organizations and not stated:
        # "David Page, of Investec Securities": quoted for a firm, with no role stated; what
        # the text says the firm is counts too ("of Berenberg, Germany's largest private bank")
        about = [p for p in raw if p.startswith(("of ", "from ", "at "))]
        kind = org_kind([*organizations, *about])
        if kind == "unknown":
            # "said Seth Heine from RIPMobile": a firm's own people come "from" it
            return "other" if any(p.startswith("from ") for p in raw) else "expert"
        return kind or "other"
    return "other"
