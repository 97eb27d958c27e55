"""Kinds from descriptors, titles and organizations (directory.extract.kinds)."""

from __future__ import annotations

import pytest

from directory.extract.kinds import decide_kind


@pytest.mark.parametrize(
    ("descriptors", "title", "organizations", "kind"),
    [
        (["a professor of international politics"], None, [], "expert"),
        (["Bristol University political scientist"], None, [], "expert"),
        ([], "chairs the political science department", ["University of Nevada"], "expert"),
        ([], "president", ["Thomas B. Fordham Institute"], "expert"),
        # a newsroom's beat editor reports; a publication's other editors judge
        (["BBC News political editor"], None, ["BBC News"], "other"),
        ([], "economics editor", ["Channel Four News"], "other"),
        ([], "news editor", ["Macworld"], "expert"),
        ([], "reviews editor", ["Empire magazine"], "expert"),
        (["White House press secretary"], None, [], "spokesperson"),
        (["Water company spokeswoman"], None, [], "spokesperson"),
        (["Sen."], None, [], "official"),
        # an office the title states outweighs support for a policy said elsewhere; a title
        # on a campaign stays campaign staff
        (["a staunch supporter of the pact"], "German Chancellor", [], "official"),
        (["a staunch supporter of the pact"], None, [], "other"),
        (["Clinton campaign chairman"], "Clinton campaign chairman", [], "other"),
        # category 4: a scholar at a research body who is also a delegate is quoted as a
        # scholar; one who works for a campaign speaks for it
        (
            ["a senior fellow at the Brookings Institution and a Democratic superdelegate"],
            "senior fellow",
            ["Brookings Institution"],
            "expert",
        ),
        (
            ["a senior fellow at the Brookings Institution and a campaign adviser"],
            "senior fellow",
            ["Brookings Institution"],
            "other",
        ),
        (["Transportation Secretary"], None, [], "official"),
        ([], "chief executive", ["Nucor"], "other"),
        # the head of a body of unions speaks for it, as the head of one union does
        ([], "general secretary", ["Centre of Dalmatian Trade Unions"], "other"),
        # a firm's vice-presidents hold no office; a country's is never "senior"
        ([], "senior vice president", [], "other"),
        ([], "executive vice president of sales", ["Nordvik Systems"], "other"),
        (["Vice President"], None, [], "official"),
        # category 4: a firm's chairman, president or director general holds no office; a
        # country's, a party's, a chamber's or a central bank's does
        ([], "chairman", ["Marlow Holdings"], "other"),
        # one running for or holding an elected office now is no expert, whatever else they
        # are; one who ran once may be
        (["the only doctor on stage", "fellow candidate"], "only doctor on stage", [], "official"),
        (["former candidate", "professor of law"], "professor of law", [], "expert"),
        ([], "vice president of business development", ["Tessaly"], "other"),
        ([], "director general", ["British Chambers of Commerce"], "other"),
        ([], "president", ["France"], "official"),
        # a firm named for a place is still a firm; a region is a place whatever its words
        ([], "president", ["Nordvik Europe"], "other"),
        ([], "chairman", ["Delhi Petrochemicals Limited"], "other"),
        ([], "president", ["South Korea"], "official"),
        ([], "president", ["Republic of Ireland"], "official"),
        # with no body named, the title may say it is a firm's
        ([], "company president", [], "other"),
        ([], "chairman and chief executive officer", [], "other"),
        ([], "president", [], "official"),
        # a vice president of a firm's function, not of a country
        ([], "vice president of search properties", [], "other"),
        ([], "Vice President of Nigeria", [], "official"),
        # a kinsman's post, after "brother of", is somebody else's
        (["the younger brother of group president Vikram Kessar"], "manager", [], "other"),
        (["the widow of former mayor Ed Kane"], None, [], "other"),
        # and so is a friend's or an ally's
        (["TV presenter", "a friend of the Tory leader"], "TV presenter", [], "other"),
        (["a close ally of the governor"], None, [], "other"),
        # the winner of a party's primary is its nominee
        (
            ["the winner of Tuesday's Wyoming Republican primary for the state's one district"],
            None,
            [],
            "official",
        ),
        (["a primary winner who beat the incumbent"], None, [], "official"),
        (["the winner of the county's baking contest"], None, [], "other"),
        # a firm's economic adviser is its economist; an adviser to a ministry serves it
        (["Deloitte's chief economic advisor"], "chief economic advisor", ["Deloitte"], "expert"),
        (
            ["chief economic adviser to the Treasury"],
            "chief economic adviser",
            ["Treasury"],
            "other",
        ),
        ([], "chairman", ["Federal Reserve"], "official"),
        ([], "Senate Intelligence Committee chairman", ["Senate"], "official"),
        ([], "commission president", ["New European"], "official"),
        ([], None, ["Investec Securities"], "expert"),
        ([], None, ["Welsh Liberal Democrats"], "other"),
        (["Dr."], None, [], "other"),
        ([], "former aide to Sen. Ted Cruz", [], "other"),
        (
            ["retired Army Lt. Gen.", "chief military adviser in Iraq from 2013 to 2015"],
            None,
            [],
            "expert",
        ),
        ([], "former Federal Reserve chairman", [], "expert"),
        # kind: a firm's chief executive now, who once held office, speaks for the firm
        (
            ["former senior official in the Clinton administration"],
            "Chief executive; former senior official",
            ["Fannie Mae"],
            "other",
        ),
        # who told the text so is somebody else
        (["one of the gunmen, based on accounts from police officials"], None, [], "other"),
        (["a local shopkeeper, based on reports from city officials"], None, [], "other"),
        # the president whose administration it was is somebody else
        (
            ["a former official in President Jane Roe's administration"],
            "former official",
            [],
            "expert",
        ),
        # a post held during an administration that has ended is a former post
        ([], "a senior border security official during Jane Roe's administration", [], "expert"),
        ([], "a senior border security official in the Roe administration", [], "official"),
        # a politician's own aide was personal staff; an out-of-office official is an expert
        (["top terrorism adviser to then-President George Bush"], None, [], "other"),
        (["former deputy national security adviser for counterterrorism"], None, [], "expert"),
        ([], "former Florida governor", [], "official"),
        (["ex-foreign secretary"], None, [], "official"),
        (["one of the former prosecutors for the general"], None, [], "expert"),
        ([], None, [], "other"),
        # missed experts: doctors, critics, pundits, radio hosts, a misspelt title
        (["consultant pathologist"], None, [], "expert"),
        (["the Gazette's film critic"], None, [], "expert"),
        (["awards pundit"], None, [], "expert"),
        (["conservative radio host"], None, [], "expert"),
        ([], "anaylst", ["Harlow Research"], "expert"),
        (["analysts with Strategy Analytics"], None, [], "expert"),
        # a party word makes nobody an official; a party's pollster is still a pollster
        (["a lifelong Labour supporter"], None, [], "other"),
        (["a Republican"], None, [], "other"),
        (["Democratic pollster"], None, [], "expert"),
        # heads of advocacy groups and forums speak for them
        ([], "director", ["Safer Care Now"], "other"),
        ([], "chairman of the Small Care Homes Forum", ["Small Care Homes Forum"], "other"),
        (["director of the campaign group Safer Streets"], None, [], "other"),
        # campaign staff and former officials now in campaigns
        (["Clinton campaign chairman"], None, [], "other"),
        (["Bloomberg's pollster"], None, [], "other"),
        (
            ["a former state party chairman who is backing Mr. Hale"],
            "campaign adviser",
            [],
            "other",
        ),
        (["a strategist on Mr. Hale's campaign in 2008"], None, [], "expert"),
        # heads of state and government and ministers are officials
        (["Prime Minister"], None, [], "official"),
        (["the Turkish President"], None, [], "official"),
        (["Care minister"], None, [], "official"),
        # a firm quoted with no role: what kind of firm it is decides
        ([], None, ["Corvane Securities"], "expert"),
        ([], None, ["Federation of Small Businesses"], "other"),
        (["from RIPMobile"], None, ["RIPMobile"], "other"),
        (["of Berenberg", "of Germany's largest private bank"], None, ["Berenberg"], "expert"),
        # clergy, the head of a college, a lawyer acting for a side
        (["Reverend"], None, ["Fullness of Joy Church"], "other"),
        (["principal of the college"], None, ["Fife College"], "other"),
        (["a strategist", "who is representing the reggae industry"], None, [], "other"),
        # a critic of an art reviews it; a critic of a person opposes them
        (["one of several vocal Trump critics"], None, [], "other"),
        (["chief theatre critic"], None, [], "expert"),
        # a strategist for a campaign group or a party serves a side
        ([], "chief strategist", ["Priorities Action"], "other"),
        # a body's kind said before its name: "of IT firm X" is a company's person
        (["of IT firm Dimension Data"], None, ["Dimension Data"], "other"),
        (["of research firm Gartner"], None, ["Gartner"], "expert"),
        # "security" is a field, not an office: a former secretary of state is no expert
        (["Former Security of State"], None, [], "other"),
        # kind: "fellow" alone before a noun or name is an adjective, not a research post
        (["fellow broadcaster"], None, [], "other"),
        (["fellow"], None, [], "other"),
        (["distinguished fellow"], None, [], "expert"),
        (["a fellow at the Larchmont Institute"], None, [], "expert"),
        # kind: a service role with a possessive pronoun is that person's own staff
        (["His chief strategist"], None, [], "other"),
        (["her longtime pollster"], None, [], "other"),
        # kind: crafts sharing a scholarly ending are no scholars
        (["a freelance photographer"], None, [], "other"),
        (["a Lennon biographer"], None, [], "expert"),
        # kind: a party's own chair, past or present, holds no public office and is no expert
        (["a former Democratic Party chairman in Vermont"], None, [], "other"),
        (["former Republican county chairman"], None, [], "other"),
        (["Republican chairman of the House Budget Committee"], None, [], "official"),
        # kind: a party named beside a public office is the person's politics, not the office
        (["former Federal Reserve chairman", "a Republican"], None, [], "expert"),
        # kind: a court's justice is an official, not an analyst of an unknown body
        (["Justice"], None, ["State Supreme Court"], "official"),
        # kind: a committee that "monitors" a ministry oversees it; a body that tracks studies
        (["chairs the select committee which monitors the Home Office"], None, [], "other"),
        (["director of the Kell Group, which tracks extremist groups"], None, [], "expert"),
        (
            ["president of Exhibitor Rolls, which compiles box office statistics"],
            "president of Exhibitor Rolls",
            ["Exhibitor Rolls"],
            "expert",
        ),
        # a consultant "for" a firm named with its kind works there; "to the group" serves it
        (
            ["senior consultant for security firm Corvane"],
            "senior consultant",
            ["Corvane"],
            "expert",
        ),
        (["senior adviser to the group"], "senior adviser", ["Future Forward"], "other"),
        # a professor named in the description is somebody else
        (["one of Professor Ann Lee's students"], None, [], "other"),
        (["a student of Prof. Ann Lee"], None, [], "other"),
        (["a professor of physics at Kelvin University"], "professor", [], "expert"),
        # category 4: who speaks at events holds no Speaker's chair
        (["one of several keynote speakers"], "chief", ["Hewlett Packard"], "other"),
        (["a corporate speaker"], "corporate speaker", [], "other"),
        (["the former House speaker"], "former House speaker", [], "official"),
    ],
)
def test_decide_kind(descriptors, title, organizations, kind):
    assert decide_kind(descriptors, title, organizations) == kind


def test_kinds_on_a_whole_article():
    from pathlib import Path

    from directory.extract import extract_article
    from directory.models import Article

    path = Path(__file__).parent / "fixtures" / "facts" / "kinds-mixed.txt"
    people = extract_article(Article(text=path.read_text(encoding="utf-8"))).people
    kinds = {p.name: p.kind for p in people}
    assert kinds == {
        "Susan Reid": "expert",  # a pathologist
        "Ian Boyd": "expert",  # a television critic
        "Sarah Nolan": "expert",  # a pundit
        "Carl Dreyer": "expert",  # a radio host
        "Neil Burke": "expert",  # "an anaylst at Harlow Care Research": a typo in the source
        "Alan Whitby": "official",  # head of government
        "Joan Price": "official",  # a minister
        "Pat Quinn": "other",  # "a lifelong Labour supporter"
        "Rita Gale": "other",  # director of a campaign group
        "Derek Lowe": "other",  # chairman of a forum
        "Frank Moss": "official",  # a former minister now chairing a campaign: no expert
    }


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Pike strategist", "other"),  # serves Senator Gordon Pike, named in the article
        ("Pike campaign pollster", "other"),
        ("Republican pollster", "expert"),  # a party's pollster comments for hire
        ("Corvane consultant", "expert"),  # a firm's, not a person's
        ("Senior strategist", "expert"),
    ],
)
def test_a_service_role_after_a_persons_name_serves_that_person(title, kind):
    people = {"Gordon Pike", "Pike"}
    assert decide_kind([], title, [], people) == kind
