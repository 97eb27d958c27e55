"""Word lists as data: reporting (cue) verbs, honorifics and role nouns.

What each list matches, with example sentences (the reporting cues, family by family, are in
CUE_EXAMPLES below):
    "Q," X said.  /  "Q," said X.  /  X said: "Q"  /  X told the BBC that ...  ->  SPEECH_VERBS
    X believes that ...  /  X thinks the plan will fail                      ->  VIEW_VERBS
    Dr Nobles, Mr. Frasca, Sen. Patty Murray, Lt. Gen. Mick Bednarek         ->  HONORIFICS
    "Q," the professor said.                                                 ->  ROLE_NOUNS
    George Washington University (tagged PERSON by the model)                ->  NOT_PERSON_WORDS
    telecoms supplier Ericsson said / Yukos, the oil firm, said              ->  ORG_NOUNS
    Acme Ltd / Ericsson AB                                                   ->  ORG_SUFFIXES
    Sheila, a nurse from Leeds, said / pensioner Tom Hale said               ->  PERSON_NOUNS
    Head of Biology at X, Professor Y, said / Pollsters Ann Selzer ...       ->  ROLE_PREFIX_WORDS

The vocabularies that decide a person's kind are in `directory.extract.roles`.
"""

from __future__ import annotations

# Honorifics are word lists every stage shares (directory.text); extraction reads them here.
from directory.text import COURTESY_HONORIFICS as COURTESY_HONORIFICS
from directory.text import GIVEN_NAME_FORMS as GIVEN_NAME_GROUPS
from directory.text import HONORIFIC_NOUNS as HONORIFIC_NOUNS
from directory.text import HONORIFICS as HONORIFICS
from directory.text import NICKNAMES


def _forms(*stems: str) -> frozenset[str]:
    """Verb forms for each stem: 'say:said:says:saying' as given, or a regular verb inflected;
    a final '*' doubles the last consonant before -ed and -ing ('admit*': admitted, admitting)."""
    out: set[str] = set()
    for stem in stems:
        if ":" in stem:
            out.update(stem.split(":"))
            continue
        if stem.endswith("*"):
            stem = stem[:-1]
            double = stem + stem[-1]
            out.update({stem, double + "ed", stem + "s", double + "ing"})
            continue
        e = stem[:-1] if stem.endswith("e") else stem
        if stem.endswith("y") and stem[-2] not in "aeiou":
            out.update({stem, stem[:-1] + "ied", stem[:-1] + "ies", stem + "ing"})
        else:
            s = stem + ("es" if stem.endswith(("s", "sh", "ch", "x", "z")) else "s")
            out.update({stem, e + "ed", s, e + "ing"})
    return frozenset(out)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting cues, by family. Each family is read by its own rule in attribution.py; every
# example below is checked by tests/test_extract_patterns.py (speaker, then the reported words).
CUE_EXAMPLES: tuple[tuple[str, str, str, str], ...] = (
    # (family, sentence, speaker, first words of what was said)
    ("say", "Maria Lopez said that the factory had closed.", "Maria Lopez", "the factory had"),
    ("say", "Maria Lopez recalled that the factory closed in 1998.", "Maria Lopez", "the factory"),
    ("say", "Maria Lopez elaborated that the rules would change.", "Maria Lopez", "the rules"),
    (
        "say",
        "Maria Lopez informed the committee that the money had run out.",
        "Maria Lopez",
        "the money",
    ),
    ("say", "Maria Lopez tweeted that the vote was a disgrace.", "Maria Lopez", "the vote"),
    ("say", "Maria Lopez forecast that prices would fall.", "Maria Lopez", "prices would"),
    ("say", "Maria Lopez charged that the audit was a sham.", "Maria Lopez", "the audit"),
    ("say", "Maria Lopez hinted that she would run again.", "Maria Lopez", "she would"),
    # inverted, where the parser reads the name after the verb as its object
    ("say", '"The vote was a disgrace," tweeted Maria Lopez.', "Maria Lopez", "The vote"),
    (
        "say",
        "Maria Lopez criticised the plan, saying that it would cost jobs.",
        "Maria Lopez",
        "it would",
    ),
    (
        "view",
        "Maria Lopez remembered that the factory closed in 1998.",
        "Maria Lopez",
        "the factory",
    ),
    ("object", "Maria Lopez blames the council for the closure.", "Maria Lopez", "the council for"),
    (
        "object",
        "Maria Lopez recalled her father's long fight with the council.",
        "Maria Lopez",
        "her father's",
    ),
    (
        "object",
        "Maria Lopez underscored the urgency of the problem.",
        "Maria Lopez",
        "the urgency of",
    ),
    (
        "question",
        "Maria Lopez wondered whether the plan would survive.",
        "Maria Lopez",
        "the plan would",
    ),
    (
        "phrasal",
        "Maria Lopez fired back that the figures were wrong.",
        "Maria Lopez",
        "the figures",
    ),
    ("phrasal", "Maria Lopez has called for a public inquiry.", "Maria Lopez", "a public inquiry"),
    (
        "phrasal",
        "Maria Lopez is calling for all parties to publish their costings.",
        "Maria Lopez",
        "all parties to",
    ),
    (
        "as-puts",
        'The market, as Maria Lopez puts it, "has lost its nerve".',
        "Maria Lopez",
        "has lost",
    ),
    (
        "quoted-as",
        "Rates will rise, the paper quoted Maria Lopez as saying.",
        "Maria Lopez",
        "Rates will",
    ),
    (
        "quoted-as",
        "Maria Lopez was quoted as saying that rates would rise.",
        "Maria Lopez",
        "rates would",
    ),
    (
        "source-noun",
        "Prices will rise, according to an analysis by Maria Lopez.",
        "Maria Lopez",
        "Prices will",
    ),
)

# Part-of-speech tags of a finite verb: a clause of its own starts at one.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

# The say and view families: verbs that introduce speech or a stated view, direct or reported.
SPEECH_VERBS = _forms(
    "say:said:says:saying",
    "tell:told:tells:telling",
    "write:wrote:writes:writing:written",
    "think:thought:thinks:thinking",
    "speak:spoke:speaks:speaking:spoken",
    "feel:felt:feels:feeling",
    "find:found:finds:finding",
    *_words(
        """add explain note argue warn state claim insist observe suggest comment remark declare
    announce acknowledge admit* concede contend assert predict reply respond continue caution
    stress emphasise emphasize point recall agree maintain complain conclude confirm deny urge
    believe reckon estimate calculate describe characterise characterize call express frame ask
    tweet joke quip* muse recount question worry fear report testify reveal mention signal signal*
    hope expect tip* accuse pledge cite vow promise assure welcome dismiss recommend propose
    concur* remember elaborate wonder inform blame underscore highlight echo retort counter
    reiterate lament insist boast brag* concede grumble scoff answer proclaim allege opine
    exclaim disclose speculate hint charge object theorise theorize mock sneer interject gloat"""
    ),
    "forecast:forecasts:forecasting:forecasted",
)
# Verbs that are speech on their own (used when the speaker is named only after the quote).
STRONG_SPEECH_VERBS = _forms(
    "say:said:says:saying",
    "tell:told:tells:telling",
    "write:wrote:writes:writing:written",
    *_words(
        """add explain note argue warn state insist observe comment remark declare reply respond
    continue ask tweet retort elaborate recall answer"""
    ),
)
# Verbs of view, not speech: their subject is quoted only when a clause follows (X believes that).
VIEW_VERBS = _forms(
    "think:thought:thinks:thinking",
    "feel:felt:feels:feeling",
    "find:found:finds:finding",
    *_words("believe reckon fear worry hope expect promise vow pledge welcome remember"),
)
# The object family: verbs whose reported content is their object: 'accused the chancellor of
# using ...', 'tipped Phil Davis for a prize', 'urged ministers to act', 'blames the council for
# the closure', 'underscored the urgency of ...'.
OBJECT_CUE_VERBS = _forms(*_words("accuse tip* urge blame underscore highlight recall remember"))
# The question family: a whether/if clause is what they said ('wondered whether ...').
QUESTION_VERBS = _forms(*_words("wonder ask question"))
# The phrasal family: a verb that reports only with its particle or preposition, and where the
# reported words then stand ('fired back that ...', 'has called for an inquiry').
PHRASAL_CUES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(_forms("fire", "hit:hits:hitting", "snap*"), ("back",)),
    **dict.fromkeys(
        _forms("strike:struck:strikes:striking", "shoot:shot:shoots:shooting"), ("back",)
    ),
    **dict.fromkeys(_forms("push"), ("back",)),
    **dict.fromkeys(_forms("call"), ("for", "on", "upon")),
}
# The as-puts family: 'as X puts it' / 'as X put it'.
AS_PUT_VERBS = frozenset({"put", "puts"})
# The quoted-as family: 'the paper quoted X as saying', 'cited X as saying'.
QUOTING_VERBS = _forms("quote", "cite")
# The source-noun family: 'according to an analysis by X' is X's.
SOURCE_NOUNS = _words(
    """analysis study report research survey estimate estimates calculation calculations
    figures poll data paper book article column forecast review model modelling modeling
    projection projections assessment"""
)

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SUBJECT_PRONOUNS = {"he": "m", "she": "f"}

# Words that show a PERSON entity is really an organization, place, work or event.
NOT_PERSON_WORDS = _words(
    """university college institute institution school center centre foundation association
    society council committee department ministry agency bank group inc corp corporation
    company ltd llc plc party union church hospital museum library academy press news times
    post journal magazine street avenue square airport award awards prize act report house
    project program programme fund trust network studios records media cup league
    club festival research securities capital partners united city rovers
    athletic san santa los las fort port europe america asia africa international global
    holdings office commission authority federation bureau organisation organization"""
)

# Nouns that designate a person by role: "the professor said".
ROLE_NOUNS = _words(
    """professor analyst economist researcher scientist expert historian spokesman spokeswoman
    spokesperson minister senator president governor chairman chairwoman director official
    lawyer attorney strategist consultant chancellor secretary leader candidate nominee mayor
    judge editor critic author adviser advisor executive chief founder scholar lecturer fellow
    diplomat commissioner ambassador congressman congresswoman lawmaker politician head manager
    boss doctor specialist psychologist sociologist pollster campaigner activist correspondent
    administrator prosecutor general officer veteran dj archbishop bishop cardinal rabbi imam
    pastor vicar priest admiral colonel captain commander lieutenant sergeant brigadier"""
)

# Words of experts' descriptors that also designate a person by role: "the researchers said".
EXPERT_WORDS = _words(
    """professor prof analyst analysts economist researcher researchers scientist scientists
    expert historian strategist consultant scholar lecturer fellow specialist pollster
    psychologist sociologist academic critic reviewer editor guru qc theorist demographer
    futurist commentator author observer watcher research studies teaches economics physician
    epidemiologist statistician columnist journalist tracks monitors researches analyses"""
)
# Of those, the words for what an expert does or studies, which name no person beside them:
# "Research by technology firms X and Y" is no researcher.
EXPERT_ACTIVITY_WORDS = _words(
    "research studies teaches economics tracks monitors researches analyses"
)

# Nouns that make the name beside them an organisation, publication or place, not a person:
# "telecoms supplier Ericsson said", "the band Westlife", "Yukos, the oil firm, said".
ORG_NOUNS = _words(
    """firm company group giant maker supplier retailer bank lender insurer newspaper paper
    tabloid daily weekly magazine broadcaster network channel station agency watchdog regulator
    body union party airline carrier operator chain publisher label studio band charity
    website site consultancy manufacturer carmaker automaker drugmaker chipmaker steelmaker
    planemaker housebuilder homebuilder shipbuilder bookmaker brewer provider exchange club team
    outfit conglomerate subsidiary division corporation
    organisation organization association institute university college school hospital
    movement coalition alliance federation league ministry department committee commission
    authority service government administration city town village county state country region
    province island district borough nation website app platform service show programme
    program film album newspaper's firm's company's"""
)
# Words after a name that make it a company: "Acme Ltd", "Ericsson AB", "Yukos Oil Group".
ORG_SUFFIXES = _words(
    """inc ltd plc llc llp corp co ag sa nv ab bv spa gmbh limited incorporated corporation
    group holdings"""
)
# Nouns for private people, which make a lone first name a person: "Sheila, a nurse from
# Leeds, said", "pensioner Tom Hale", "his wife, Mary, said".
PERSON_NOUNS = _words(
    """man woman boy girl mother father mum dad son daughter wife husband widow widower brother
    sister grandmother grandfather grandson granddaughter aunt uncle cousin niece nephew
    friend neighbour neighbor colleague partner fiancee fiance student pupil teacher nurse
    resident voter fan worker employee owner farmer driver pensioner retiree patient victim
    survivor volunteer member supporter parent child teenager shopper customer user gamer
    blogger player actor actress singer musician rapper star artist designer chef pilot
    soldier engineer entrepreneur businessman businesswoman protester demonstrator
    campaigner veteran tenant landlord commuter passenger witness mp mep peer host co-host
    presenter anchor reporter journalist producer director"""
)
# Capitalised role words that stand before a name without being part of it: "Head of Biology
# at the Kelvin Institute, Professor Alan Brodie, said", "Lawyer Louise Christian said",
# "Pollsters Ann Selzer, John Zogby and Scott Rasmussen said".
ROLE_PREFIX_WORDS = (
    ROLE_NOUNS
    | EXPERT_WORDS
    | PERSON_NOUNS
    | _words(
        """head chief deputy vice acting former ex interim veteran lawyer presenter constable
        commentator producer chairman chairwoman boss pollsters analysts economists
        researchers scientists experts lawyers doctors professors officials critics"""
    )
) - frozenset(HONORIFICS)
# Words that open a sentence and are never a name, though capitalised there: "Meanwhile
# Bradford said ...", "Separately, Acme said ...".
SENTENCE_OPENERS = _words(
    """meanwhile however separately also still yet but and so thus then now later earlier
    elsewhere instead indeed moreover furthermore nonetheless nevertheless similarly likewise
    additionally overall finally ultimately today yesterday tonight recently previously
    speaking asked writing"""
)
# Nouns that give the gender of the person they name: "his wife Mary Smith", "spokeswoman Ann
# Lee", "Tom, her husband,".
GENDERED_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            """wife mother daughter sister widow grandmother granddaughter aunt niece girlfriend
            fiancee actress spokeswoman chairwoman businesswoman congresswoman sportswoman
            woman girl mum mom stepmother stepdaughter"""
        ),
        "f",
    ),
    **dict.fromkeys(
        _words(
            """husband father son brother widower grandfather grandson uncle nephew boyfriend
            fiance spokesman businessman congressman sportsman man boy dad stepfather
            stepson"""
        ),
        "m",
    ),
}
# Nouns of family, which name someone by a given name alone ("his wife Sharon") and make what
# follows "of" somebody else ("the brother of Reliance Group president Mukesh Ambani").
KIN_NOUNS = _words(
    """wife mother daughter sister widow grandmother granddaughter aunt niece girlfriend fiancee
    mum mom stepmother stepdaughter husband father son brother widower grandfather grandson
    uncle nephew boyfriend fiance dad stepfather stepson"""
)
# Common given names that only men or only women bear in English-language news: a full name's
# gender, so that "Mrs Howard" in an article about Michael Howard is his wife, not him. Names
# borne by both (Leslie, Jordan, Kim, Jean, Robin) are left out.
GIVEN_NAME_GENDERS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            """aaron adam alan alastair albert alexander alfred andrew angus anthony antonio
            arnold arthur barack barry ben benjamin bernard bill bob boris brian bruce carl
            carlos charles christopher clive colin craig dan daniel darren david dennis derek
            dick digby don donald douglas duncan edward eric ernest frank frederick gary geoffrey
            george gerald gerhard gordon graham greg gregory harold harry henry herbert howard
            hugh hugo iain ian jack jacques james jason jeb jeffrey jeremy jim joe john jonathan
            joseph juan keith kenneth kevin larry lawrence len leonard luis malcolm marco mark
            martin matthew michael mike mitt neil nicholas nick nigel norman oliver patrick paul
            peter philip ralph raymond richard robert roger ronald roy russell samuel scott sean
            simon stanley stephen steve steven stuart ted terry thomas timothy tom tony trevor
            vincent walter wayne william"""
        ),
        "m",
    ),
    **dict.fromkeys(
        _words(
            """abigail alice alison amanda amy angela angelina ann anna anne barbara betty brenda
            carol carole caroline catherine charlotte cheryl christine claire clare deborah
            diana diane donna dorothy eleanor elizabeth ellen emily emma fiona frances gillian
            hannah harriet hazel heather helen hillary ivanka jacqueline jane janet janice jennifer
            jessica joan josephine joyce judith julia julie karen kate katherine kathleen laura
            linda lisa louise lucy margaret maria marie mary megan melania melissa michelle
            nancy natalie nicola olivia pamela patricia paula rachel rebecca ruth sally sandra
            sarah sharon shirley sophie stephanie susan sylvia teresa theresa valerie victoria
            virginia wendy"""
        ),
        "f",
    ),
}
# Given names known as such whatever the tagger makes of them ("Will Davies", "Bill Smith").
GIVEN_NAME_FORMS = frozenset(NICKNAMES) | frozenset(NICKNAMES.values())
# Every given name any list here knows, with either gender or both.
KNOWN_GIVEN_NAMES = (
    GIVEN_NAME_FORMS
    | frozenset(GIVEN_NAME_GENDERS)
    | frozenset(word for group in GIVEN_NAME_GROUPS for word in group.split())
)
# What only organisations have: "Vostrum shares fell", "a Twitter spokesman", "Acme's staff".
ORG_OWNED_NOUNS = _words(
    """spokesman spokeswoman spokesperson executives employees shares shareholders customers
    users website site headquarters staff subsidiary stake board output profits revenues
    earnings"""
)
# Nouns and verbs that name a work right before its title in quotation marks, which is then no
# quote: 'her book "The Long Slump"', 'a study titled "Warm Seas"', 'the film "Alexander"'.
WORK_NOUNS = _words(
    """book books study studies report paper article column essay novel memoir biography film
    films movie documentary drama sitcom thriller album song single show series programme
    program play musical poem headline titled entitled slogan website blog podcast"""
)
# Words that head a line with a colon without naming a speaker ("Update: ...", "Photo: ...").
NOT_SPEAKER_LABELS = _words(
    """note update updated editor editors correction clarification photo photos picture pictured
    video watch listen related read more source sources credit image caption transcript topics
    tags subscribe click advertisement breaking live warning disclosure location date time
    when where what why how who background summary analysis opinion comment comments follow
    share email print audio slideshow gallery map chart graphic table figure bottom top key
    points facts highlights ps p.s. nb n.b. re subject to from cc bcc attachment name age city
    hometown occupation job pay salary contributing contributors reporting poll polls survey"""
)
# Nouns for what a publication prints: "an article in Politico", "an interview in the Observer".
MEDIA_NOUNS = _words(
    """article articles interview report story column op-ed editorial piece essay letter
    feature profile analysis commentary review leader"""
)
