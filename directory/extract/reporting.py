"""Where a reporting verb's speaker sits in the parse: what makes a verb report, its subject
(borrowed, inverted or set inside the sentence) and the author behind a cited document."""

from __future__ import annotations

import re

from spacy.tokens import Token

from directory.extract.orgs import BODY_NOUNS
from directory.extract.patterns import (
    AS_PUT_VERBS,
    FINITE_TAGS,
    PHRASAL_CUES,
    QUESTION_VERBS,
    QUOTING_VERBS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    VIEW_VERBS,
)
from directory.extract.roles import SERVICE_ROLES
from directory.text import word_set

SAY_FORMS = frozenset({"say", "says", "said", "saying"})

# Verbs that vouch for a clause after "As X ...,"; others read as time ("As he spoke, ...").
AS_SAID_VERBS = word_set(
    "said says noted notes wrote writes argued argues observed observes explained explains "
    "told tells warned warns pointed"
)


def opening_as_clause(verb: Token) -> bool:
    """'As Ann Lee said, the economy is weak': a sentence opened by "As X said" and a comma or
    a dash, which vouches for the clause after it."""
    if verb.dep_ != "advcl" or verb.head.i < verb.i or verb.lower_ not in AS_SAID_VERBS:
        return False
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return False  # "As he said this, the crowd cheered": when, not what
    first = verb.left_edge
    if first.lower_ != "as" or first.dep_ != "mark" or first.i != verb.sent.start:
        return False
    marks = (",", "-", "\u2013", "\u2014")
    end = verb.right_edge
    if end.text in marks:
        return True
    return end.i + 1 < len(verb.doc) and verb.doc[end.i + 1].text in marks


def gerund_subject(verb: Token, first: Token) -> bool:
    """'said having Trump on the ticket puts them at risk': the parser hung the gerund that
    opens the reported clause on the verb, and the clause's own verb on the gerund."""
    return (
        first.dep_ == "xcomp"
        and first.tag_ == "VBG"
        and first.left_edge.i == verb.i + 1
        and any(c.dep_ == "ccomp" and c.tag_ in FINITE_TAGS for c in first.children)
    )


def reports(tok: Token) -> bool:
    """Whether a verb token is a reporting cue, in any family of patterns.CUE_EXAMPLES."""
    lower = tok.lower_
    if lower in CONTINUE_FORMS and goes_on_doing(tok):
        return False
    if conditional_inversion(tok):
        return False
    if lower in ANSWER_FORMS and any(
        c.dep_ == "dobj" and c.lower_ in ("question", "questions") for c in tok.children
    ):
        return False  # "Carson struggled to answer a simple question": no words of his given
    if lower in SPEECH_VERBS:
        return True
    if phrasal_particle(tok) is not None:
        return True  # "fired back that ...", "called for an inquiry"
    if lower not in AS_PUT_VERBS:
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    objects = {c.lower_ for c in tok.children if c.dep_ == "dobj"}
    return "as" in marks and "it" in objects  # "as X puts it"


def conditional_inversion(verb: Token) -> bool:
    """'it would have been longer had he denied the charge': "had", "should" or "were" before
    the subject makes a condition, not a report."""
    subject = next((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "should", "were") and c.i < subject
        for c in verb.children
    )


CONTINUE_FORMS = frozenset({"continue", "continues", "continued", "continuing"})
ANSWER_FORMS = frozenset({"answer", "answers", "answered", "answering"})
# What someone goes on with that is speaking: "Howard continued his scathing remarks."
SPOKEN_NOUNS = word_set(
    """remarks comments statement speech attack attacks criticism tirade rant testimony
    argument questioning"""
)


def goes_on_doing(verb: Token) -> bool:
    """'Mr Kruger is continuing in his job', 'she continued to campaign', 'he continues his
    work': a "continue" that goes on with something other than speaking is no cue."""
    if any(c.dep_ == "xcomp" for c in verb.children):
        return True
    if any(c.dep_ == "dobj" and c.lower_ not in SPOKEN_NOUNS for c in verb.children):
        return True
    return verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "was", "were", "be", "been")
        for c in verb.children
    )


def that_clause_on_a_noun(verb: Token) -> Token | None:
    """A clause opened by the conjunction "that", with a subject of its own, which the parser
    read as a relative clause on a noun in a phrase after the verb ("said on Friday during a
    news conference that he may wait"): a relative "that" is the clause's subject or object,
    never its marker."""
    for prep in verb.rights:
        if prep.dep_ == "prep":
            for tok in prep.subtree:
                if tok.dep_ == "relcl" and tok.head.dep_ == "pobj" and that_clause(tok):
                    return tok
        elif prep.dep_ in ("dobj", "dative") and verb.lower_ in TELL_FORMS:
            # "told BBC World Service's The Music Biz programme that the industry was ...":
            # the clause hung on whom it was told to
            for tok in prep.children:
                if tok.dep_ in ("relcl", "acl") and tok.i > prep.i and that_clause(tok):
                    return tok
    return _clause_after_listener(verb) if verb.lower_ in TELL_FORMS else None


def _clause_after_listener(verb: Token) -> Token | None:
    """'with Senator John McCain telling reporters on Thursday he viewed Obama as ...': a clause
    right after whom it was told to, with a subject of its own, that the parser hung elsewhere
    is what was told."""
    if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    end = verb.right_edge.i + 1
    if end >= verb.sent.end or verb.doc[end].dep_ != "nsubj":
        return None
    clause = verb.doc[end].head
    if clause.i <= end or clause.pos_ not in ("VERB", "AUX") or clause.dep_ == "ROOT":
        return None
    return clause


TELL_FORMS = frozenset({"tell", "tells", "told", "telling"})


def that_clause(tok: Token) -> bool:
    """A clause opened by the conjunction "that" with a subject of its own."""
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
    return marked and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def phrasal_particle(verb: Token) -> Token | None:
    """The particle that makes a verb report ('fired back', 'called for an inquiry'), also
    where the parser hangs it on the clause after it ('called for all parties to publish')."""
    particles = PHRASAL_CUES.get(verb.lower_)
    if not particles:
        return None
    for child in verb.children:
        if child.lower_ in particles and child.i > verb.i:  # (not "On Sunday, X called on")
            return child
        if child.dep_ == "advcl" and child.i > verb.i:
            mark = child.left_edge
            between = verb.doc[verb.i + 1 : mark.i]
            if mark.dep_ == "mark" and mark.lower_ in particles and not len(between):
                return mark
    return None


def asks(clause: Token) -> bool:
    """The clause is a question: 'whether the plan would survive', 'if it would work' (not
    'that if the critics saw it ...')."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.lower_ in ("whether", "if") and first.head.i == clause.i


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def asked_or_citing(verb: Token) -> bool:
    """A verb whose clause is none of its subject's words: a question put to the subject
    ('when asked if he ...', 'was asked whether', not 'had asked'), or a citing verb with its
    own object ('... ignored labour history, Frank cites a memo')."""
    if verb.lower_ in QUESTION_VERBS and verb.tag_ == "VBN":
        return not any(c.dep_ == "aux" for c in verb.children)
    if verb.lower_ not in QUOTING_VERBS or any(quoting_verb(t) == verb for t in verb.subtree):
        return False  # '"...," the paper quoted Mr Chernin as saying'
    return any(c.dep_ == "dobj" and c.ent_type_ != "PERSON" for c in verb.children)


def object_read_as_subject(verb: Token, clause: Token) -> int | None:
    """'promised her infrastructure program would be paid for': the parser read the reported
    clause's subject as the verb's object, right before a clause with no subject of its own;
    the clause starts at that object (token index), else None."""
    if clause.i < verb.i or clause.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    for obj in verb.children:
        if obj.dep_ == "dobj" and obj.right_edge.i + 1 == clause.left_edge.i:
            return obj.left_edge.i
    return None


def quoting_verb(verb: Token) -> Token | None:
    """'quoted X as saying': the quoting verb above a 'saying' with no subject of its own."""
    if verb.lower_ not in SAY_FORMS:
        return None
    node = verb.head
    if node.lower_ == "as":
        node = node.head
    return node if node.i != verb.i and node.lower_ in QUOTING_VERBS else None


def source_of_document(tok: Token) -> Token:
    """'an analysis by Maria Lopez' -> Maria Lopez: the author of a cited document."""
    if tok.lower_ not in SOURCE_NOUNS:
        return tok
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return tok


# Speech verbs whose object is the one spoken to ('told Ian Moss'), never the speaker.
PERSON_OBJECT_VERBS = TELL_FORMS | word_set("ask asked asks asking")


def inversion_allowed(verb: Token) -> bool:
    """A subject after its verb is a speaker only in reporting inversions: '"Q," said X',
    ', thinks X', 'Observes Mr Hadi:', 'So says X'."""
    if verb.i == verb.sent.start:
        return True
    prev = verb.doc[verb.i - 1]
    if prev.is_bracket:
        return False  # "(think Eleanor Roosevelt)"
    return prev.is_punct or prev.is_quote or prev.lower_ in ("so", "says", "but")


def stands_alone(verb: Token) -> bool:
    """True for a coordinated verb with a tense or an auxiliary of its own ("and added", "and
    would not say", "but warning"), not one sharing the first verb's ("he'd sit Putin down and
    tell him", "has criticized ... and called")."""
    if verb.tag_ in FINITE_TAGS or verb.tag_ == "VBG":
        return True
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def joined_to_report(verb: Token) -> bool:
    """True for a reporting verb coordinated with the clause another reporting verb reports
    ("said Mr Fallon was wrong and said ...")."""
    clause = verb.head
    # "The 14-year-old said she was hoping ... but joked": a he or she the first speaker
    # reports about is the one the joined verb goes with, as the parser has it
    if any(c.dep_ == "nsubj" and c.lower_ in {"he", "she"} for c in clause.children):
        return False
    return (
        verb.lower_ in SPEECH_VERBS
        and verb.lower_ not in VIEW_VERBS  # "knew ... and thought": the clause's own subject's
        and stands_alone(verb)
        and clause.dep_ == "ccomp"
        and clause.head.lower_ in SPEECH_VERBS
        and clause.head.i < verb.i
    )


def subject_of(verb: Token, in_quote: list[bool]) -> Token | None:
    """The subject of a verb, borrowed from the verb it is coordinated with ('and added')."""
    for _ in range(3):
        subjects = [
            c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote[c.i]
        ]
        if len(subjects) > 1 and inversion_allowed(verb):
            subjects = [c for c in subjects if c.i > verb.i] or subjects  # "The market, said X,"
        if len(subjects) > 1:
            # "WASHINGTON (AFP) - Mary Holt has said": a dateline parsed as a second subject;
            # the subject nearest the verb is the one speaking
            before = [c for c in subjects if c.i < verb.i]
            if len(before) > 1 and before[-1].pos_ == "NOUN" and before[-2].pos_ == "PROPN":
                # "Theresa May, Tory shadow work and pensions secretary, said": the second
                # "subject" is the name's own description
                before = before[:-1]
            subjects = before[-1:] + [c for c in subjects if c.i > verb.i]
        for child in subjects:
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "Ren Xiao, who said ..."
            return person_before_body(child) or last_of_a_list_without_and(child, verb) or child
        named = name_right_before(verb, in_quote)
        if named is not None:
            return named
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            # "forced Stumpf to admit", "pressed the minister to say": the one made to speak
            # is the object (only promise-like verbs keep their subject, and they seldom take
            # one)
            objects = [c for c in verb.head.children if c.dep_ == "dobj" and not in_quote[c.i]]
            if objects:
                return objects[0]
        if verb.dep_ == "conj" and joined_to_report(verb):
            # 'the chancellor said Mr Fallon was "..." and said the decision ...': the parser
            # joined the second report to the first one's clause; the first verb's subject
            verb = verb.head.head
        elif verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = participle_owner(verb) or verb.head
        elif _after_preposition(verb):
            # "Silverman was booed after telling holdouts that ...": the sentence's subject
            verb = verb.head.head
        else:
            return None
    return None


# Prepositions of time or means before an -ing verb ("after telling", "by saying");
# "without saying" reports nothing said.
GERUND_PREPOSITIONS = frozenset({"after", "upon", "on", "before", "while", "by", "when"})


def _after_preposition(verb: Token) -> bool:
    """ "after telling", "upon saying": an -ing verb after a preposition of a clause's verb;
    not under a modal ("he could do this by telling them" says nothing yet)."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and prep.lower_ in GERUND_PREPOSITIONS
        and prep.head.pos_ in ("VERB", "AUX")
        and not any(c.tag_ == "MD" for c in prep.head.children)
    )


ASIDE_MARKS = frozenset({",", "-", "--", "\u2013", "\u2014"})


def participle_owner(verb: Token) -> Token | None:
    """'X dismissed the claims that the campaign broke the law - saying it had not': a
    participle set off by a comma or a dash, which the parser hung inside a noun's own clause,
    goes with the sentence's verb. None for any other verb."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i == 0:
        return None
    head = verb.head
    # the parser may tag the noun a verb ("claims") while still reading it as an object
    noun = head.head.pos_ == "NOUN" or head.head.dep_ in NOMINAL_DEPS
    in_noun_clause = head.dep_ in NOUN_CLAUSES or head.dep_ == "ccomp" and noun
    if verb.doc[verb.i - 1].text not in ASIDE_MARKS or not in_noun_clause:
        return None
    if any(c.dep_ == "nsubj" and c.pos_ in ("PRON", "PROPN") for c in head.children):
        return None  # "a news conference in which he continued ..., saying": his own words
    return next(
        (
            a
            for a in head.ancestors
            if a.pos_ in ("VERB", "AUX") and a.dep_ not in NOUN_CLAUSES | NOMINAL_DEPS
        ),
        None,
    )


NOUN_CLAUSES = frozenset({"acl", "relcl"})
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"})


# What someone writes or files, whose author speaks through it.
DOCUMENT_NOUNS = SOURCE_NOUNS | word_set("document statement letter filing memo")
# Roles that speak for someone named after "for" or "to".
SERVING_ROLES = SERVICE_ROLES | word_set("spokesman spokeswoman spokesperson aide assistant")
# Nouns for someone known by whom they stand beside: "a close associate of X" is not X.
ASSOCIATE_NOUNS = word_set("associate ally friend colleague confidant protege partner")


def interrupting_name(verb: Token, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """'The problem they face, said Shailendra Jain, head of MMS firm Adamind, is educating
    people': a cue set inside a sentence, which the parser reads with the sentence's own
    subject for the verb's (or none, the verb an aside of the rest) and the name for the
    subject of the rest. Returns the name and the clause it was made the subject of."""
    doc = verb.doc
    if verb.lower_ not in ("said", "says") or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    clauses = [c for c in verb.rights if c.dep_ == "ccomp"]
    if verb.dep_ == "parataxis" and verb.head.i > verb.i:
        clauses.append(verb.head)
    for clause in clauses:
        if in_quote[clause.i]:
            continue
        for subject in clause.children:
            if (
                subject.dep_ in ("nsubj", "nsubjpass")
                and subject.pos_ == "PROPN"
                and subject.left_edge.i == verb.i + 1
                and not in_quote[subject.i]
                # a comma closes the name's phrase: not "said Mr. Trump was a candidate"
                and subject.right_edge.i < clause.i
                and "," in (subject.right_edge.text, doc[subject.right_edge.i + 1].text)
            ):
                return subject, clause
    return None


# Verbs that, above a report, say it was not made: "failed to disclose that ...".
WITHHOLDING_VERBS = word_set("fail fails failed failing refuse refuses refused declined")


def denied_report(verb: Token) -> bool:
    """'Disney did not disclose that ...', 'failed to tell investors that ...': the clause after
    the verb is what was not said, and nobody's statement."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in WITHHOLDING_VERBS


def last_of_a_list_without_and(subject: Token, verb: Token) -> Token | None:
    """'... from Carly Fiorina to Rubio to, now, Cruz, Wilkin said': the parser joined the
    name before the verb to the end of the reported clause with no "and"; the name right before
    the verb is the subject."""
    if subject.i > verb.i or any(c.dep_ == "cc" for c in subject.children):
        return None
    for conj in subject.children:
        between = verb.doc[conj.i + 1 : verb.i]
        if (
            conj.dep_ == "conj"
            and conj.pos_ == "PROPN"
            and conj.ent_type_ == "PERSON"
            and verb.doc[conj.left_edge.i - 1].text == ","
            and all(t.is_punct for t in between)
        ):
            return conj
    return None


def person_before_body(subject: Token) -> Token | None:
    """'Graham Cluley from anti-virus firm Sophos said', parsed with "Sophos" the subject: the
    body a person is introduced from does not speak for them."""
    k = subject.left_edge.i - 1
    if k < 0:
        return None
    noun = subject.doc[k]
    prep = noun.head
    person = prep.head
    if (
        noun.lower_ in BODY_NOUNS
        and noun.dep_ == "pobj"
        and prep.lower_ in ("of", "from", "at", "with")
        and person.ent_type_ == "PERSON"
        and person.i < prep.i
        and person.dep_ not in ("pobj", "dobj")
    ):
        return person
    return None


def name_right_before(verb: Token, in_quote: list[bool]) -> Token | None:
    """'"...," Ramos, 58, told AFP', '— Brendan Buck, a spokesman for Ryan, told POLITICO':
    a verb the parser left without a subject, right after a name and its appositive (or right
    after a name it read as a preposition's object), which it hung on something else: the
    name is the subject."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # "..., calling him a loser": a participle goes with its clause's subject
    k = verb.i - 1
    while k >= 0 and verb.doc[k].is_punct and verb.doc[k].text == ",":
        k -= 1
    if k < 0 or in_quote[k]:
        return None
    if k == verb.i - 1:
        # "Shadow leader of the Commons Oliver Heald said", "in Las Vegas Microsoft boss Bill
        # Gates said": a name right before the verb, which the parser hung on a preposition
        tok = verb.doc[k]
        if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
            return tok
        return None  # otherwise a comma must close the name's phrase ("Buck, ..., told")
    tok = verb.doc[k]
    while tok.head.i < tok.i and tok.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
        place = tok.ent_type_ in ("GPE", "LOC") and tok.head.ent_type_ in ("GPE", "LOC")
        # "Steve Cohen, Democrat of Tennessee, told": the party describes the name before it
        describes = tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON" != tok.ent_type_
        proper = tok.pos_ == "PROPN" and tok.dep_ in ("appos", "npadvmod", "dep")
        if proper and not place and not describes:
            break  # (but "retired in Cambridge, Mass., said": the state names a town)
        if tok.dep_ == "conj" and tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON":
            break  # "Alarmed by the unrest in Nevada, Senator Harry Reid, ..., said"
        tok = tok.head
    if tok.pos_ != "PROPN" or in_quote[tok.i] or tok.right_edge.i >= verb.i:
        return None
    between = verb.doc[tok.right_edge.i + 1 : verb.i]
    return tok if all(t.is_punct for t in between) else None


def noun_phrase(tok: Token) -> tuple[int, int]:
    """The words of a subject up to its head: 'the professor', 'a spokeswoman for the firm'."""
    start = tok.left_edge
    end = tok
    for child in tok.rights:
        if child.dep_ in ("prep", "compound", "amod") and not child.is_punct:
            end = child.right_edge
        else:
            break
    return start.idx, end.idx + len(end)


# "LOS ANGELES, Feb. 2 (UPI) — ", "WASHINGTON -": where and when the story was filed
DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*,?(?: [A-Z][a-z]{2,4}\.? \d{1,2},?)?(?: \([A-Za-z .]+\))?"
    r" (?:--?|\u2013|\u2014) "
)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause's offsets without the spaces and stops around it, nor a dateline before it."""
    while start < end and text[start] in " \t\n,;:":
        start += 1
    dateline = DATELINE_RE.match(text, start, end)
    if dateline is not None:
        start = dateline.end()
    while end > start and text[end - 1] in " \t\n,;:.":
        end -= 1
    return start, end


def split_clause_end(clause: Token, end: int, clauses: list[Token]) -> int:
    """Where a reported clause ends (token index), past a second clause of the same verb the
    parser split off with nothing between: "said the changes were made after film studio New
    Line expressed concern" is one clause, and so is "said the Iranians released by the US were
    close to ...", where the first is a participle with no auxiliary. Not "... $4m. Ann Roe said
    ...", where the name went to the first clause and the verb stands bare, nor across a dash or
    a comma; but across a hyphen inside a word."""
    doc = clause.doc
    for other in clauses:
        if other.i <= clause.i or other.left_edge.i != end:
            continue
        if not doc[end - 1].whitespace_ and "-" in (doc[end].text, doc[end - 1].text):
            end = other.right_edge.i + 1  # "will co-ordinate a drive", parsed as three clauses
            continue
        if other.left_edge.i == other.i and not reduced_relative(clause):
            continue
        if not (doc[end].is_punct or doc[end - 1].is_punct):
            end = other.right_edge.i + 1
    return end


def reduced_relative(clause: Token) -> bool:
    """'the Iranians released by the US': a past participle with no auxiliary describes its
    noun; it is no verb of its own."""
    return clause.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in clause.children)


FIND_FORMS = frozenset({"find", "finds", "found", "finding"})


def judged(verb: Token, clause: Token) -> bool:
    """'found it difficult', 'find him unlikable': an adjective with no verb of its own, what
    someone made of something rather than words they reported."""
    return (
        verb.lower_ in FIND_FORMS
        and clause.dep_ == "ccomp"
        and clause.pos_ == "ADJ"
        # ("finds that bringing up gender hurts Trump", misparsed, is a finding)
        and not any(c.dep_ in ("aux", "auxpass", "cop", "mark") for c in clause.children)
    )


def charge_of(verb: Token) -> Token | None:
    """The "of" of 'accused each other of benefiting from subsidies': the charge after it is
    what was said, the accused before it is not (unless the charge is all quotation)."""
    if not verb.lower_.startswith("accus"):
        return None
    return next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "of"), None)


def words_end(verb: Token) -> int:
    """Where the words a verb reports end (token index): before a reporting participle of its
    own set off by a comma ('urged the two men to stop squabbling, declaring: "..."'), else at
    the verb's last word."""
    for c in verb.rights:
        aside = c.i > 0 and c.doc[c.i - 1].text in ASIDE_MARKS
        if aside and c.dep_ == "advcl" and c.tag_ == "VBG" and reports(c):
            return c.i - 1
    return verb.right_edge.i + 1
