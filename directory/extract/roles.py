"""Role vocabularies as data: the nouns that head a title, and the families that decide a kind.

A kind follows the role the text gives, never an honorific ("Dr" decides nothing):

    expert        quoted for expertise or analysis: "a professor of politics", "chief economist
                  at Marlow Capital", "the film critic", "a pathologist", "a Democratic pollster"
    official      holds or seeks public office: "the Chancellor", "Sen.", "Foreign Minister"
    spokesperson  speaks for a body: "a spokeswoman for the council", "press secretary"
    other         everyone else: executives, campaign staff, activists and the heads of
                  advocacy groups, clergy, celebrities, journalists, voters

Each family below is a plain word set with the sentences it is meant for. Words are lower case;
`role_word` folds plurals and common misspellings ("analysts", "anaylst", "profesor") onto
them, so a typo in the source does not lose the role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from directory.text import word_set

# --- title heads ---------------------------------------------------------------------------

# Nouns that can head a title: "X, chief economist at Y", "Y film critic X". Any kind.
ROLE_HEADS = word_set(
    """
    academic adviser boss advisor administrator ambassador analyst anthropologist archaeologist
    architect attorney author barrister biologist broadcaster campaigner cardiologist chair
    chairman chairwoman chairperson chancellor chemist chief clinician co-author co-director
    co-founder columnist commentator commissioner consultant coordinator co-ordinator
    correspondent counsel counsellor counselor critic curator dean demographer deputy designer
    diplomat director doctor economist editor educator engineer epidemiologist executive expert
    fellow forecaster founder geographer gp guru head historian host investigator journalist judge
    jurist lawyer lecturer librarian manager mathematician minister negotiator neuroscientist
    officer official partner pathologist physician physicist planner pollster president
    presenter principal professor prosecutor psychiatrist psychologist publisher pundit
    registrar researcher reviewer scholar scientist secretary senator solicitor specialist
    spokesman spokesperson spokeswoman statistician strategist superintendent surgeon teacher
    technologist theologian trader treasurer trustee vice-chair vice-chairman vice-president
    writer veteran aide inspector commander colonel admiral brigadier lieutenant sergeant
    general mayor governor councillor councilman councilwoman congressman congresswoman
    lawmaker legislator envoy constable mp mep msp ceo cfo coo cto producer organiser organizer
    agent promoter coach captain leader ombudsman auditor coroner biographer actuary surveyor
    headteacher headmaster headmistress provost rector controller speaker
    accountant banker investor entrepreneur businessman businesswoman owner
    anchor anchorman anchorwoman creator novelist playwright screenwriter poet photographer
    filmmaker film-maker composer conductor actor actress singer songwriter comedian dancer
    footballer chef pilot farmer nurse midwife paramedic pharmacist dentist vet veterinarian
    musician frontman frontwoman drummer rapper
    firefighter detective clerk warden student
    """
)
# Heads whose "of ORG" belongs in the title ("director of the Critical Threats Project").
LEADING_HEADS = word_set(
    """
    chair chairman chairwoman chairperson co-director coordinator co-ordinator dean director
    head manager president principal vice-president
    """
)
# Roles written in capitals before a name ("Labour MP X", "Acme CEO Y").
ACRONYM_ROLES = word_set("mp mep msp ceo cfo coo cto")
# Roles only a firm fills: nobody has a personal chief technology officer, economist or
# managing director, so the name that holds one is a firm's; a strategist, director or
# manager may serve a candidate.
FIRM_ROLES = word_set("officer executive economist analyst engineer trader")
# Roles people hold at a firm, university or publication, so that an unknown capitalised
# name before them is their employer ("Investec economist", "Corvane analyst", "Carnegie
# Mellon Professor"); portfolio roles ("Health Secretary", "Treasury minister") are not here.
EMPLOYEE_ROLES = word_set(
    """
    analyst economist strategist critic reviewer editor columnist professor lecturer
    researcher scientist fellow consultant specialist pollster director executive manager
    engineer designer trader boss chief founder co-founder chairman chairwoman president ceo
    spokesman spokeswoman spokesperson correspondent publisher partner adviser advisor
    """
)
# Real words one letter away from a role head, which must not be read as its misspelling.
NOT_TYPOS = word_set("lecture advise advice editors reader leader header heads chief chef")
# Words for a whole firm that open a title when they stand alone before it, not a body's name:
# "Tim Crawford, Group Economist at Halifax", "Company Secretary Ann Lee".
WHOLE_FIRM_WORDS = word_set("group company corporate")
# Capitalized words that open a title rather than close an organization ("FBI General Counsel").
TITLE_MODIFIERS = word_set(
    """
    general deputy assistant associate chief senior vice executive managing acting principal
    lead special junior former interim shadow minority majority
    """
)
# Capitalised words that open a title at the start of a sentence without naming anybody
# ("Leading economist X said", "Independent analyst X").
COMMON_TITLE_WORDS = word_set(
    """
    leading top independent veteran prominent respected renowned noted distinguished
    influential young local eminent famous celebrated award-winning political economic
    financial industry market city stock bond equity film music theatre television art
    technology science health education legal constitutional military defence defense
    foreign domestic regional national international global european american british
    one another some many other """
)


# --- expert families -----------------------------------------------------------------------

# Scholars and scientists: "a professor of politics", "a University of Leeds lecturer",
# "research fellow", "a political scientist", "the historian".
ACADEMIC_WORDS = word_set(
    """
    professor prof lecturer academic scholar researcher research researchers scientist
    scientists fellow historian economist economists sociologist psychologist anthropologist
    demographer statistician mathematician physicist chemist biologist geographer
    archaeologist criminologist linguist theorist futurist ethicist technologist neuroscientist
    epidemiologist don postdoctoral
    """
)
# Word endings of scholarly disciplines ("seismologist", "climatologist", "historiographer").
ACADEMIC_ENDINGS = ("ologist", "ographer", "ometrician", "onomist")
# Crafts that share a scholarly ending: "a freelance photographer" is no scholar.
CRAFT_WORDS = word_set(
    "photographer videographer cinematographer choreographer stenographer pornographer"
)
# Market and political analysis: "chief economist at X", "bond strategist", "industry
# consultant", "a Republican pollster", "China watcher", "an expert on security".
ANALYST_WORDS = word_set(
    """
    analyst analysts strategist pollster consultant forecaster observer watcher expert experts
    specialist guru
    """
)
# Reviewers, commentators and writers quoted for their judgement: "reviews editor", "a
# conservative radio host", "the pundit", "author of a history of the party". ("host" counts
# only for radio, see kinds.HOST_RE; "critic" only for an art, see ART_WORDS.)
CRITIC_WORDS = word_set(
    """
    reviewer commentator pundit columnist editor author co-author
    """
)
# What a critic reviews: "film critic", "the Gazette's television critic". A critic of
# anything else ("a vocal Trump critic", "critics of the war") is an opponent, not a reviewer.
ART_WORDS = word_set(
    """
    film movie cinema art arts theatre theater television tv music rock pop jazz classical
    opera dance restaurant food wine book books literary architecture fashion drama games
    radio design culture comedy media
    """
)
# Medicine: "a consultant pathologist", "a heart surgeon", "the family doctor" (a role noun;
# the honorific "Dr" alone says nothing).
MEDICAL_WORDS = word_set(
    """
    doctor physician surgeon pathologist psychiatrist cardiologist oncologist neurologist
    paediatrician pediatrician virologist immunologist clinician gp radiologist
    anaesthetist anesthetist gynaecologist obstetrician dermatologist
    """
)
# Lawyers who once prosecuted, quoted on a case that is not theirs: "a former prosecutor".
FORMER_LEGAL_WORDS = word_set("prosecutor prosecutors lawyer attorney judge")
# Verbs and nouns in a descriptor that mark research: "who studies ...", "tracks political ads".
RESEARCH_VERBS = word_set("studies researches teaches tracks monitors analyses analyzes")

# Roles whose complement says who they serve, which makes a lawyer or adviser a party's own
# ("lawyer for the family", "representing the directors", "Mr Brown's former advisor").
SERVING_WORDS = word_set("for representing acting")
# Roles that make an expert only when not serving a named person or campaign.
SERVICE_ROLES = word_set(
    "adviser advisor strategist pollster consultant lawyer attorney barrister solicitor counsel"
)

# --- not experts ---------------------------------------------------------------------------

# Campaign staff and supporters: "campaign manager", "Clinton campaign aide", "a Sanders
# supporter", "a superdelegate", "a donor to the party", "the super PAC's adviser".
CAMPAIGN_WORDS = word_set(
    """
    campaign campaigns supporter supporters surrogate backer donor fundraiser delegate
    superdelegate volunteer pac
    """
)
# Activism and advocacy: "a campaigner", "civil liberties activist", "organiser of the march".
ACTIVIST_WORDS = word_set(
    """
    activist activists campaigner campaigners advocate advocates organiser organizer
    protester protestor lobbyist
    """
)
# Words in an organisation's name that make it an advocacy, trade or membership body whose
# leaders speak for it ("chairman of the Small Traders Forum", "director of the campaign group
# Safer Streets", "president of the Federation of Small Businesses"). "Group" is not here:
# it names analyst houses and companies as often ("Eurasia Group", "Telegraph Group").
ADVOCACY_ORG_WORDS = word_set(
    """
    forum campaign coalition alliance league federation association union council
    network action watch movement committee charity society club rights lobby guild
    chamber confederation fathers mothers families friends unions federations associations
    """
)
# Roles that lead or speak for a body (their kind follows the body).
LEAD_WORDS = word_set(
    """
    director president head chair chairs chairman chairwoman chairperson founder co-founder
    co-director leader secretary coordinator co-ordinator organiser organizer member
    executive chief convener convenor
    """
)
# Political parties and allegiances: they describe, they do not make anyone an official
# ("a lifelong Democrat", "Labour supporter", "a Republican strategist").
PARTY_WORDS = word_set(
    """
    democrat democrats democratic republican republicans gop tory tories labour conservative
    conservatives liberal liberals snp ukip plaid green greens libertarian progressive
    """
)

# --- officials -----------------------------------------------------------------------------

# Office holders and candidates: heads of state and government, ministers, legislators,
# judges, envoys, regulators, and those running for office ("the Chancellor", "Sen.",
# "Foreign Minister", "the mayor", "the Republican contender", "the front-runner").
OFFICIAL_WORDS = word_set(
    """
    president minister senator sen rep representative congressman congresswoman governor gov
    mayor chancellor mp mep msp secretary candidate nominee hopeful ambassador diplomat official
    officials premier king queen prince princess judge general gen admiral commissioner
    lawmaker legislator councillor councilman councilwoman speaker envoy regulator whip
    shadow cabinet secretary-general attorney attorney-general prime leader chairman
    chairwoman chair senate congress parliament mayoral presidential contender front-runner
    frontrunner challenger incumbent justice ombudsman
    """
)
# Spokespeople: "press secretary", "a spokeswoman for", "communications director".
SPOKESPERSON_PHRASES = ("press secretary", "spokes", "press officer", "communications director")
# Elected posts that keep someone a politician after leaving office ("former governor").
POLITICIAN_WORDS = word_set(
    """
    president rep representative senator sen governor gov mayor secretary minister mp
    congressman congresswoman candidate nominee chancellor leader speaker lawmaker councillor
    shadow attorney-general
    """
)
# Elected offices held now and the races for them: one who holds or seeks one is quoted as a
# politician, whatever else they are ("Ben Carson, the only doctor on stage"); no "president"
# or "leader" here, which heads research bodies as well.
ELECTED_WORDS = word_set(
    """
    candidate candidates nominee hopeful contender senator sen congressman congresswoman
    governor gov mayor mp mep msp lawmaker legislator councillor
    """
)
# Out-of-office officials quoted for analysis ("retired Army Lt. Gen.", "former CIA analyst",
# "a former Federal Reserve chairman"): a past marker and an office word.
PAST_WORDS = word_set("former retired ex veteran then-")
FORMER_OFFICE_WORDS = word_set(
    """
    adviser advisor official coordinator general gen officer director chairman chair
    ambassador diplomat agent commander admiral
    """
)

# --- organisations -------------------------------------------------------------------------

# Words in an organisation's name that make it a research body or think tank, whose
# directors and presidents are experts ("director of the Institute for Fiscal Studies",
# "president of the Thomas B. Fordham Institute"). "Centre"/"Center" is not here: it names
# advocacy groups as often ("Center for Biological Diversity").
RESEARCH_ORG_WORDS = word_set(
    """
    institute institution think-tank research studies study laboratory lab observatory
    project economics analytics
    """
)
# Teaching institutions: the heads of a unit in them are experts ("director of the law
# programme at the University of Dayton"), the head of the whole institution speaks for it
# ("principal of the college", "the university's vice-chancellor").
TEACHING_ORG_WORDS = word_set("university universities college polytechnic faculty school academy")
# Those who study at one rather than teach or research there ("a graduate student at Yale").
LEARNER_WORDS = word_set("student pupil undergraduate postgraduate")
INSTITUTION_HEADS = word_set(
    """
    principal vice-chancellor chancellor president headteacher headmaster headmistress rector
    provost registrar governor governors
    """
)
# Words in an organisation's name that make it a company, label, broadcaster or publication
# ("from TV producer Illuminations Television Limited", "of Latin Trade Magazine").
COMPANY_ORG_WORDS = word_set(
    """
    limited ltd inc plc corp corporation co company companies holdings llc television tv
    firm maker retailer manufacturer operator carrier provider developer producer
    records studios media magazine newspaper news times post journal herald gazette radio
    broadcasting airlines motors telecom
    """
)
# Words in a firm's name that make it a bank, broker or analyst house, whose people quoted
# with no role are its economists and analysts ("David Page, of Investec Securities").
ANALYSIS_FIRM_WORDS = word_set(
    """
    securities capital bank banking brokers stockbrokers brokerage investment investments asset
    assets markets partners consulting consultancy consultants advisers advisors associates
    research economics analytics insight intelligence ratings analyst analysts
    """
)
# Words in a body's name that make it government, a party or a public service: its people
# are officials or staff ("of the FBI", "from the Liberal Democrats").
PUBLIC_BODY_WORDS = word_set(
    """
    ministry department office government parliament senate congress house commission
    police army navy force agency bureau service administration party democrats republicans
    conservatives tories labour council fbi cia nsa kgb mi5 mi6 court
    """
)
# Clergy: "the Reverend", "a parish priest", "the imam".
CLERGY_WORDS = word_set(
    """
    reverend rev pastor priest vicar bishop archbishop imam rabbi cardinal chaplain
    """
)
# Religious bodies: "Fullness of Joy Church", "the Diocese of Leeds".
RELIGIOUS_ORG_WORDS = word_set(
    """
    church mosque synagogue temple diocese parish cathedral ministries
    """
)


# Endings of nationality and group adjectives ("British", "Iraqi", "Chinese", "Welsh").
NATIONALITY_ENDINGS = ("an", "ish", "ese", "i", "ic", "ch", "sh", "ss")


def is_nationality(word: str) -> bool:
    """True for a word that reads as a nationality or party ("Welsh", "Tory"), not a firm
    the model took for one ("Investec")."""
    lower = word.lower()
    return lower in PARTY_WORDS or lower.endswith(NATIONALITY_ENDINGS)


@lru_cache(maxsize=4096)
def role_word(word: str) -> str | None:
    """The role head a word spells, allowing a plural and one slip of the keyboard.

    "Analyst" -> "analyst"; "analysts" -> "analyst"; "anaylst" -> "analyst"; "profesor" ->
    "professor"; "lecture" -> None (a real word, not a slip); "the" -> None.
    """
    word = word.lower().strip(".,;:'’\"“”")
    if word in ROLE_HEADS:
        return word
    if "-" in word:
        last = word.rsplit("-", 1)[-1]
        return word if last in ROLE_HEADS else None
    if word.endswith("s") and len(word) > 6 and word[:-1] in ROLE_HEADS:
        # "analysts with X" (a slip for one analyst); short plurals are verbs ("heads", "chairs")
        return word[:-1]
    if word.endswith("ist") and len(word) > 5:
        return _TYPOS.get(word, word)  # "stategist" is a slip for "strategist"
    if word.endswith("ists") and len(word) > 6:
        return word[:-1]  # "sociologists at X" after two names, each one of them
    if len(word) < 6 or word in NOT_TYPOS or not word.isalpha():
        return None
    return _TYPOS.get(word)


# Words before "leader" that make it a standing in a race, not a post ("the poll leader").
STANDING_WORDS = word_set("poll polling polls race points delegate delegates opinion")


def is_standing(title: str) -> bool:
    """True for a place in a race read as a title: "Republican poll leader", "polling leader"."""
    words = title.lower().split()
    return len(words) > 1 and words[-1] == "leader" and words[-2] in STANDING_WORDS


def is_role_head(word: str) -> bool:
    """True for a noun that can head a title ("economist", "Professor", "vice-president"),
    also when the source misspells it ("anaylst") or writes a plural ("analysts with X")."""
    return role_word(word) is not None


def last_head_word(text: str) -> str:
    """The role noun of a title: the word before "of"/"in"/"at"/"to" ("envoy to the UN"), else the
    last word; not before an infinitive ("the first MP to defect")."""
    words = re.split(
        r"\s+(?:of|in|for|on|at|to(?=\s+(?:the|an?|his|her|its|their|[A-Z\d])))\s+",
        text,
        maxsplit=1,
    )[0].split()
    if len(words) > 1 and words[-1].lower() == "general":
        return words[-2]  # "director general", "Attorney General": "general" follows the head
    return words[-1] if words else ""


def firm_role(role_text: str) -> bool:
    """True for a role only firms fill ("chief technology officer", "managing director")."""
    if role_text.lower().endswith("managing director"):
        return True
    return (role_word(last_head_word(role_text)) or "") in FIRM_ROLES


def slips(word: str) -> set[str]:
    """Misspellings of a word: two letters swapped, a letter doubled or undoubled, one
    inner letter dropped (never the last, so "lecturer" does not give "lecture")."""
    out = set()
    for i in range(len(word) - 1):
        out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        out.add(word[: i + 1] + word[i] + word[i + 1 :])
        if i > 0:
            out.add(word[:i] + word[i + 1 :])
    return out - {word}


_TYPOS = {
    slip: head
    for head in sorted(ROLE_HEADS)
    if len(head) >= 7 and "-" not in head
    for slip in slips(head)
    if slip not in ROLE_HEADS
}


def is_academic(word: str) -> bool:
    """True for a scholar's role word ("professor", "seismologist")."""
    if word in CRAFT_WORDS:
        return False
    return word in ACADEMIC_WORDS or word.endswith(ACADEMIC_ENDINGS)
