"""The whole path on the sample article: ingest, profile JSON, pages, search and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from directory.cli import cli
from directory.web import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "xi-putin-trump-calls.txt"

QUOTE_1 = "China is a pivotal major power"
QUOTE_2 = (
    "The order of the calls reflects close coordination and communication "
    "between Beijing and Moscow"
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A directory built by the real CLI from the sample article."""
    data = tmp_path_factory.mktemp("e2e-data")
    result = CliRunner().invoke(cli, ["--data", str(data), "ingest", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture(scope="module")
def e2e_client(data_dir):
    app = create_app({"TESTING": True, "DATA_DIR": str(data_dir)})
    return app.test_client()


def run(*args):
    """Run the CLI in-process and return the result."""
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_ingest_prints_one_summary_line(tmp_path):
    result = run("--data", tmp_path, "ingest", SAMPLE)
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 1


def test_api_search_lists_ren_xiao_first(e2e_client):
    response = e2e_client.get("/api/search?q=Northeast+Asian+security")
    assert response.status_code == 200
    payload = response.get_json()
    assert payload["query"] == "Northeast Asian security"
    assert payload["total"] >= 1
    first = payload["results"][0]
    assert first["slug"] == "ren-xiao"
    assert first["name"] == "Ren Xiao"
    assert first["kind"] == "expert"
    assert set(first) >= {"slug", "name", "title", "affiliation", "kind", "score", "highlights"}


def test_profile_json_carries_title_affiliation_and_quotes(e2e_client):
    response = e2e_client.get("/experts/ren-xiao.json")
    assert response.status_code == 200
    record = response.get_json()
    assert record["name"] == "Ren Xiao"
    assert record["title"] == "professor of international politics"
    current = [p for p in record["positions"] if p["kind"] == "current"]
    assert any(
        p["organization"] == "Institute of International Studies"
        and p["parent"] == "Fudan University"
        for p in current
    )
    texts = {q["text"] for q in record["quotes"]}
    assert {QUOTE_1, QUOTE_2} <= texts
    for quote in record["quotes"]:
        assert quote["article"]["id"]
        assert "title" in quote["article"]


def test_profile_page_shows_the_expert_and_json_ld(e2e_client):
    response = e2e_client.get("/experts/ren-xiao")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Ren Xiao" in page
    assert "professor of international politics" in page
    assert "application/ld+json" in page
    assert QUOTE_1 in page


def test_article_page_lists_people_quoted(e2e_client):
    record = e2e_client.get("/experts/ren-xiao.json").get_json()
    article_id = record["quotes"][0]["article"]["id"]
    page = e2e_client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    data = e2e_client.get(f"/articles/{article_id}.json").get_json()
    names = {p["name"] for p in data["people"]}
    assert {"Ren Xiao", "Xi Jinping", "Vladimir Putin"} <= names


def test_unknown_slug_and_empty_query_are_pages_not_tracebacks(e2e_client):
    missing = e2e_client.get("/experts/no-such-person")
    assert missing.status_code == 404
    assert "Traceback" not in missing.get_data(as_text=True)
    assert e2e_client.get("/experts/no-such-person.json").status_code == 404
    assert e2e_client.get("/articles/ffffffffffff").status_code == 404
    empty = e2e_client.get("/search?q=")
    assert empty.status_code in (200, 302, 400)
    assert e2e_client.get("/api/search?q=").status_code == 400
    assert e2e_client.get("/healthz").get_data(as_text=True) == "ok"


def test_searching_for_the_story_finds_the_expert_quoted_in_it(e2e_client):
    # Ren Xiao's own words say nothing of Putin or Trump, and the sample has no headline: its
    # opening sentences, indexed with the people quoted in it, carry the story.
    response = e2e_client.get("/api/search?q=virtual+meeting+with+Putin+before+Trump")
    assert [r["slug"] for r in response.get_json()["results"]][:1] == ["ren-xiao"]


def test_cli_search_matches_the_site(data_dir):
    result = run("--data", data_dir, "search", "Northeast Asian security", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"][0]["slug"] == "ren-xiao"
    plain = run("search", "Fudan University", "--data", data_dir)
    assert plain.exit_code == 0
    assert "Ren Xiao" in plain.output


def test_cli_extract_prints_contract_json():
    result = run("extract", SAMPLE)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload["article"]) >= {"title", "url", "outlet", "published", "sha256"}
    people = {p["name"]: p for p in payload["people"]}
    assert people["Ren Xiao"]["kind"] == "expert"
    assert [p["name"] for p in payload["people"] if p["kind"] == "expert"] == ["Ren Xiao"]
    for name in ("Xi Jinping", "Vladimir Putin"):
        assert people[name]["quotes"]
        assert people[name]["kind"] != "expert"
    assert "Donald Trump" not in people


def test_cli_export_formats(data_dir):
    record = json.loads(run("--data", data_dir, "export", "ren-xiao").output)
    assert record["slug"] == "ren-xiao"
    jsonld = json.loads(run("--data", data_dir, "export", "ren-xiao", "--format", "jsonld").output)
    assert jsonld["@type"] == "Person"
    vcard = run("--data", data_dir, "export", "ren-xiao", "--format", "vcard").output
    assert vcard.startswith("BEGIN:VCARD") and "VERSION:4.0" in vcard
    lines = run("--data", data_dir, "export", "--all").output.strip().splitlines()
    assert any(json.loads(line)["slug"] == "ren-xiao" for line in lines)
    csv_out = run("--data", data_dir, "export", "--all", "--format", "csv").output
    assert "Ren Xiao" in csv_out


@pytest.mark.parametrize(
    "args, message",
    [
        (["extract", "/no/such/file.txt"], "Error:"),
        (["export", "no-such-person"], "Error:"),
        (["search", ""], "Error:"),
    ],
)
def test_cli_errors_are_messages_with_exit_1(data_dir, args, message):
    result = run("--data", data_dir, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_index_is_idempotent_and_rebuilds(data_dir):
    synced = run("--data", data_dir, "index")
    assert synced.exit_code == 0, synced.output
    assert "0 profiles indexed" in synced.output
    rebuilt = run("--data", data_dir, "index", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    again = run("--data", data_dir, "search", "Northeast Asian security", "--json")
    assert json.loads(again.output)["results"][0]["slug"] == "ren-xiao"


def test_cli_extract_says_an_article_is_not_in_english():
    path = Path(__file__).parent / "fixtures" / "extract" / "foreign-de.txt"
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: not English (de); nothing extracted"


# --- identity: organizations quoted as sources, surname-only mentions -------------------------

IDENTITY = ROOT / "tests" / "fixtures" / "identity"


@pytest.fixture(scope="module")
def identity_dir(tmp_path_factory):
    """A directory built by the real CLI from two articles about one engineer and one company."""
    data = tmp_path_factory.mktemp("e2e-identity")
    for name in ("oil-probe.txt", "oil-hearing.txt"):
        result = CliRunner().invoke(cli, ["--data", str(data), "ingest", str(IDENTITY / name)])
        assert result.exit_code == 0, result.output
    return data


def test_a_company_quoted_as_a_source_is_no_profile_but_has_its_statements(identity_dir):
    exported = run("--data", identity_dir, "export", "--all", "--format", "jsonl")
    names = [json.loads(line)["name"] for line in exported.output.splitlines()]
    assert "Northfield" not in names and "FT" not in names
    assert "Grace Okafor" in names
    client = create_app({"TESTING": True, "DATA_DIR": str(identity_dir)}).test_client()
    assert client.get("/experts/northfield").status_code == 404
    suggestions = client.get("/api/suggest?q=Nor").get_json()
    assert "Northfield" not in json.dumps(suggestions)
    # the statement names the company as the article first does
    page = client.get("/organizations/northfield-oil").get_data(as_text=True)
    assert "Statements" in page
    assert "We are co-operating fully with the authorities" in page


def test_a_surname_only_mention_joins_the_full_name_across_articles(identity_dir):
    record = json.loads(run("--data", identity_dir, "export", "halvorsen").output)
    assert record["slug"] == "erik-halvorsen"
    assert record["article_count"] == 2
    assert all(0 <= r["score"] <= 1 and r["reasons"] for r in record["resolution"])
    for q in record["quotes"]:
        assert set(q) >= {"source_start", "source_end", "cue_start", "cue_end"}
