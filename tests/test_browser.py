"""The site in a real Chromium (Playwright): search, facets, profile, evidence, article, export.

Skipped, with the reason shown, when Playwright or /usr/bin/chromium is missing (.ci/run installs
Chromium). Set DIRECTORY_SCREENSHOTS=1 to also refresh docs/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EDITOR,
    EDITOR_PASSWORD,
    HOSTILE_NAME,
    SAMPLE,
    WEB_ARTICLES,
    copy_data_dir,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HOSTILE_SLUG = "eve-script-alert-name-script-mallory"

if not CHROMIUM.exists():
    pytest.skip(
        f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright")


@contextlib.contextmanager
def serving(data_dir: Path, **settings):
    """The app over `data_dir`, served by werkzeug in a background thread on a free local port."""
    from werkzeug.serving import make_server

    from directory.web import create_app

    app = create_app({"DATA_DIR": str(data_dir), "RATELIMIT_ENABLED": False, **settings})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def base_url(web_data_dir):
    """The URL of the app over the shared web data dir."""
    with serving(web_data_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Dialogs and CSP violations seen by a page; any of either fails the test."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.violations: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.violations.append(message.text)


@pytest.fixture
def page(browser, base_url):
    """A fresh desktop page with base_url set; fails the test on a dialog or CSP violation."""
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = Watch(page)
    yield page
    context.close()
    assert watch.dialogs == [], f"a script ran: {watch.dialogs}"
    assert watch.violations == [], watch.violations


def result_slugs(page) -> list[str]:
    """The profile slugs of the result cards on a page, in order."""
    hrefs = page.locator(".expert-card__name a").evaluate_all("els => els.map(e => e.pathname)")
    return [href.rsplit("/", 1)[-1] for href in hrefs]


def test_search_suggest_facet_profile_evidence_article_export(page):
    page.goto("/")
    box = page.get_by_label("Search experts by name, organization or topic")
    box.fill("Tom")
    # (wait_for_function would eval a string, which the page's CSP rightly refuses)
    page.locator("#home-search-names option").first.wait_for(state="attached", timeout=5_000)
    options = page.locator("#home-search-names option").evaluate_all("o => o.map(x => x.value)")
    assert options == ["Tomas Lindqvist"]

    box.fill("economist")
    box.press("Enter")
    page.wait_for_url("**/search?q=economist")
    assert result_slugs(page) == ["tomas-lindqvist", "grace-holloway"]

    page.get_by_role("link", name="University of Uppsala").first.click()
    page.wait_for_url("**organization=University+of+Uppsala**")
    assert result_slugs(page) == ["tomas-lindqvist"]

    page.get_by_role("link", name="Tomas Lindqvist").click()
    page.wait_for_url("**/experts/tomas-lindqvist")
    assert page.locator("h1").inner_text() == "Tomas Lindqvist"

    # A fact's evidence is one click away and links to the sentence in its article.
    evidence = page.locator("details.evidence").first
    sentence = evidence.locator(".evidence__sentence").first
    assert not sentence.is_visible()
    evidence.locator("summary").click()
    assert sentence.is_visible()
    expected = sentence.inner_text()
    evidence.locator(".evidence__source a").first.click()
    page.wait_for_url("**/articles/**#at-*")
    target = page.locator(":target")
    assert target.count() == 1 and target.is_visible()
    assert expected.strip('“”" ')[:40] in target.inner_text()

    # A quote in the ledger opens its article at the quote, marked and linked to the speaker.
    page.go_back()
    ledger_link = page.locator(".quote__source a").first
    quote_text = page.locator(".quote__text").first.inner_text().strip("“”")
    ledger_link.click()
    page.wait_for_url("**/articles/**#at-*")
    marked = page.locator(":target")
    assert quote_text[:30] in page.locator(".article__body").inner_text()
    assert marked.locator("a").first.get_attribute("href") == "/experts/tomas-lindqvist"

    # Exports.
    page.goto("/experts/tomas-lindqvist")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="vCard").click()
    card = Path(download_info.value.path()).read_bytes().decode("utf-8")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Tomas Lindqvist\r\n" in card
    page.goto("/experts/tomas-lindqvist")
    page.get_by_role("link", name="JSON", exact=True).click()
    assert '"slug": "tomas-lindqvist"' in page.locator("body").inner_text()


def test_sort_select_submits_without_a_button(page):
    page.goto("/search?q=economist")
    assert not page.get_by_role("button", name="Sort").is_visible()
    page.get_by_label("Sort by").select_option("quotes")
    page.wait_for_url("**sort=quotes**")
    assert result_slugs(page) == ["tomas-lindqvist", "grace-holloway"]


def test_hostile_content_renders_as_text(page):
    page.goto(f"/experts/{HOSTILE_SLUG}")
    assert page.locator("h1").inner_text() == HOSTILE_NAME
    article_href = page.locator(".quote__source a").first.get_attribute("href")
    for path in (article_href, "/search?q=Mallory", "/search?q=Nothing+runs&all=1", "/"):
        page.goto(path)
        assert page.locator("script:not([src]):not([type='application/ld+json'])").count() == 0
    page.goto(article_href)
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("img").count() == 0


def test_keyboard_skip_link_and_focus(page):
    page.goto("/experts/ren-xiao")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Evidence opens from the keyboard.
    summary = page.locator("details.evidence summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.evidence").first.get_attribute("open") is not None


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=economist", "/experts/ren-xiao", "/organizations/university-of-uppsala"],
)
def test_phone_width_has_no_sideways_scroll(browser, base_url, path):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    page.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at phone width"


def test_screenshots(browser, tmp_path):
    """Refresh docs/screenshots/ (with DIRECTORY_SCREENSHOTS=1) from data without hostile text."""
    if not os.environ.get("DIRECTORY_SCREENSHOTS"):
        pytest.skip("set DIRECTORY_SCREENSHOTS=1 to refresh docs/screenshots/")
    from directory.ingest import ingest_paths

    ingest_paths(tmp_path, [SAMPLE, *WEB_ARTICLES], jobs=1, progress=False)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "search": "/search?q=Nordic+Bank+analyst",
        "profile": "/experts/tomas-lindqvist",
        "home": "/",
    }
    with serving(tmp_path) as url:
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(base_url=url, viewport=viewport)
            page = context.new_page()
            page.goto("/experts/maria-okafor")
            shots["article"] = page.locator(".quote__source a").first.get_attribute("href")
            for name, path in shots.items():
                page.goto(path)
                if name == "profile":
                    page.locator("details.evidence summary").first.click()
                target = SCREENSHOTS / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
            context.close()


A11Y_CHECK = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("no lang");
  if (document.querySelectorAll("h1").length !== 1) problems.push("h1 count");
  if (!document.querySelector("main")) problems.push("no main landmark");
  for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (!(el.labels && el.labels.length) && !el.getAttribute("aria-label")) {
      problems.push("unlabelled " + (el.name || el.id));
    }
  }
  let previous = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4")) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push("heading jumps to " + h.tagName + " " + h.textContent);
    previous = level;
  }
  for (const a of document.querySelectorAll("a")) {
    if (!a.textContent.trim() && !a.getAttribute("aria-label")) problems.push("empty " + a.href);
  }
  return problems;
}"""


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=economist",
        "/experts/ren-xiao",
        "/experts/maria-okafor",
        "/organizations/university-of-uppsala",
        "/experts/no-such-person",
    ],
)
def test_pages_have_landmarks_labels_and_heading_order(page, path):
    page.goto(path)
    assert page.evaluate(A11Y_CHECK) == []


def test_slash_focuses_the_search_box(page):
    page.goto("/experts/ren-xiao")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("prices")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=prices")
    assert result_slugs(page) == ["jonas-berg", "tomas-lindqvist", "maria-okafor"]


# --- strong and weak matches, kinds, places, topics, suggestions ----------------------------


def test_weak_matches_come_under_their_own_heading(page):
    # Only Petra Lund works at Nordic Bank; the other analysts match on the role word alone.
    page.goto("/search?q=Nordic+Bank+analyst")
    strong = page.locator(".results--strong .expert-card__name a")
    weak = page.locator(".results--weak .expert-card__name a")
    assert strong.all_inner_texts() == ["Petra Lund"]
    assert "Jonas Berg" in weak.all_inner_texts()
    heading = page.get_by_role("heading", name="Weaker matches")
    assert heading.is_visible()
    assert heading.bounding_box()["y"] > strong.first.bounding_box()["y"]
    assert "1 strong match" in page.locator(".results-head__count").inner_text()


def test_without_a_strong_match_the_page_says_so_in_words(page):
    page.goto("/search?q=volcanologist+on+energy")
    assert (
        "No strong match for “volcanologist on energy”" in page.locator("#no-strong").inner_text()
    )
    assert page.get_by_role("heading", name="Weaker matches").count() == 0
    assert result_slugs(page)  # the weak matches are still shown


def test_one_click_includes_other_kinds_when_no_expert_matches(page):
    page.goto("/search?q=Putin")
    notice = page.locator(".empty").first.inner_text()
    assert notice.startswith("No experts match “Putin”; 1 official or other person does.")
    page.get_by_role("link", name="Include officials and others").first.click()
    page.wait_for_url("**/search?q=Putin&all=1")
    assert "vladimir-putin" in result_slugs(page)


def test_a_place_in_the_query_puts_people_placed_there_first(page):
    page.goto("/search?q=housing+analyst+Oslo")
    assert result_slugs(page) == ["jonas-berg", "petra-lund"]
    page.goto("/search?q=housing+analyst+Stockholm")
    assert result_slugs(page) == ["petra-lund", "jonas-berg"]


def test_a_profile_lists_what_it_is_quoted_on_and_who_alongside(page):
    page.goto("/experts/tomas-lindqvist")
    topics = page.locator("section.topics li")
    assert "inflation (2 articles)" in topics.all_inner_texts()
    alongside = page.locator("section[aria-labelledby=alongside-heading] li a")
    assert "Maria Okafor" in alongside.all_inner_texts()
    # The quotes come before the research areas and publications, near the top.
    ledger = page.locator("#quotes-heading").bounding_box()["y"]
    assert ledger < page.locator("footer").bounding_box()["y"]
    topics.filter(has_text="inflation").get_by_role("link").click()
    page.wait_for_url("**/search?q=inflation")
    assert "tomas-lindqvist" in result_slugs(page)


def test_choosing_a_suggestion_opens_the_profile(page):
    page.goto("/")
    box = page.get_by_label("Search experts by name, organization or topic")
    box.fill("Mar")
    page.locator("#home-search-names option").first.wait_for(state="attached", timeout=5_000)
    # What a browser does when a <datalist> option is picked: the text replaced in one step.
    box.evaluate(
        """el => {
          el.value = "Maria Okafor";
          el.dispatchEvent(new InputEvent("input", {inputType: "insertReplacementText"}));
        }"""
    )
    page.wait_for_url("**/experts/maria-okafor")
    assert page.locator("h1").inner_text() == "Maria Okafor"


def test_phone_tabs_stay_on_one_line_and_the_placeholder_fits(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    page = context.new_page()
    page.goto("/")
    tops = page.locator(".tabs a").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().top)"
    )
    page.goto("/experts/ren-xiao")
    fits = page.locator("#site-search-q").evaluate(
        """el => {
          const probe = document.createElement("span");
          const style = getComputedStyle(el);
          probe.style.font = style.font;
          probe.style.position = "absolute";
          probe.style.whiteSpace = "pre";
          probe.textContent = el.placeholder;
          document.body.appendChild(probe);
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          const room = el.clientWidth - padding;
          const fits = probe.getBoundingClientRect().width <= room;
          probe.remove();
          return fits;
        }"""
    )
    context.close()
    assert len(set(tops)) == 1, tops
    assert fits


# --- accessibility: axe-core on every page type ----------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violation_on_any_page_type(browser, base_url, viewport):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(base_url=base_url, viewport=viewport)
    page = context.new_page()
    page.goto("/experts/maria-okafor")
    article = page.locator(".quote__source a").first.get_attribute("href").split("#")[0]
    paths = [
        "/",
        "/?kind=official",
        "/search?q=housing+analyst+Stockholm",
        "/search?q=Putin",
        "/search?q=volcanologist",
        "/experts/tomas-lindqvist",
        "/experts/ren-xiao",
        article,
        "/organizations/university-of-uppsala",
        "/experts/no-such-person",
    ]
    found = {}
    for path in paths:
        page.goto(path)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    context.close()
    assert found == {}


# -- editors ------------------------------------------------------------------------------------


@pytest.fixture
def editing_url(editing_source, tmp_path):
    """The app over a fresh copy of the editing data dir (editor alice), with its own counters."""
    data = copy_data_dir(editing_source, tmp_path / "data")
    with serving(data, RATELIMIT_STORAGE_URI=f"sqlite:///{tmp_path / 'counters.db'}") as url:
        yield url


@pytest.fixture
def editing_page(browser, editing_url):
    """A fresh desktop page on the editing app; fails the test on a dialog or CSP violation."""
    context = browser.new_context(base_url=editing_url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = Watch(page)
    yield page
    context.close()
    assert watch.dialogs == [], f"a script ran: {watch.dialogs}"
    assert watch.violations == [], watch.violations


def sign_in_with_the_form(page, username: str = EDITOR, password: str = EDITOR_PASSWORD):
    """Fill in and send the sign-in form."""
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_and_out(editing_page):
    page = editing_page
    page.goto("/review")
    page.wait_for_url("**/login?next=/review")
    sign_in_with_the_form(page)
    page.wait_for_url("**/review")
    assert page.locator("h1").inner_text() == "Review queue"
    assert "Signed in as alice" in page.locator(".editor-bar").inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: url.endswith("/"))
    assert page.locator(".editor-bar").count() == 0
    page.goto("/review")
    page.wait_for_url("**/login?next=/review")


def test_a_wrong_password_then_the_sixth_failure_is_refused(editing_page):
    page = editing_page
    for n in range(5):
        sign_in_with_the_form(page, EDITOR, f"guess number {n}")
        assert "do not match" in page.locator(".notice").inner_text()
    sign_in_with_the_form(page)
    assert "Too many failed sign-ins" in page.locator(".notice").inner_text()
    page.goto("/review")
    page.wait_for_url("**/login?next=/review")


def test_merge_two_duplicate_profiles_from_the_review_queue(editing_page):
    page = editing_page
    sign_in_with_the_form(page)
    page.wait_for_url("**/review")
    pair = page.locator(".review-item--duplicate").first
    assert "Nadia Ferrer" in pair.inner_text() and "same name" in pair.inner_text()
    pair.get_by_role("button", name="Merge").click()
    page.wait_for_url("**/review")
    assert "Merged nadia-ferrer-2 into nadia-ferrer." in page.locator(".flash").inner_text()
    assert page.locator(".review-item--duplicate").count() == 0
    page.goto("/experts/nadia-ferrer")
    titles = page.locator(".ledger__title").all_inner_texts()
    assert sorted(titles) == [
        "River towns brace for a wetter winter",
        "Water company told to fix leaking reservoirs",
    ]
    assert "2 articles" in page.locator(".profile-head__meta").inner_text()
    # The merged-away address now leads to the same profile, for readers too.
    page.goto("/experts/nadia-ferrer-2")
    page.wait_for_url("**/experts/nadia-ferrer")


def test_a_correction_from_the_profile_page(editing_page):
    page = editing_page
    sign_in_with_the_form(page)
    page.wait_for_url("**/review")
    page.goto("/experts/nadia-ferrer-2")
    assert page.locator(".badge").first.inner_text().lower() == "other"
    page.get_by_label("Kind").select_option("expert")
    page.get_by_role("button", name="Set kind").click()
    page.wait_for_url("**/experts/nadia-ferrer-2")
    assert "Set the kind of nadia-ferrer-2 to expert." in page.locator(".flash").inner_text()
    assert page.locator(".badge").first.inner_text().lower() == "expert"
    page.get_by_role("button", name="Confirm", exact=True).first.click()
    page.wait_for_url("**/experts/nadia-ferrer-2")
    assert page.locator(".edit-confirmed").first.is_visible()
    corrections = page.locator(".edit-log").inner_text()
    assert "set-kind" in corrections and "by alice" in corrections


def test_a_reader_sees_no_controls(editing_page):
    page = editing_page
    for path in ("/experts/nadia-ferrer", "/search?q=hydrologist", "/"):
        page.goto(path)
        assert page.locator("form[method=post]").count() == 0
        assert page.locator(".editor-bar").count() == 0
    assert page.context.cookies() == []


@pytest.mark.parametrize("path", ["/review", "/review/log", "/experts/nadia-ferrer", "/login"])
def test_editors_pages_have_labels_headings_and_fit_a_phone(browser, editing_url, path):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(base_url=editing_url, viewport=viewport)
        page = context.new_page()
        if path != "/login":
            sign_in_with_the_form(page)
            page.wait_for_url("**/review")
        page.goto(path)
        problems = page.evaluate(A11Y_CHECK)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        context.close()
        assert problems == [], (path, viewport)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {viewport}"


def test_posts_without_a_session_or_a_token_change_nothing(editing_page):
    page = editing_page
    request = page.context.request  # shares the browser context's cookies
    assert request.post("/experts/ren-xiao/hide", max_redirects=0).status == 401
    sign_in_with_the_form(page)
    page.wait_for_url("**/review")
    assert request.post("/experts/ren-xiao/hide", max_redirects=0).status == 400
    assert (
        request.post(
            "/experts/ren-xiao/hide", form={"csrf_token": "forged"}, max_redirects=0
        ).status
        == 400
    )
    page.goto("/experts/ren-xiao")
    assert page.locator("h1").inner_text() == "Ren Xiao"
    page.get_by_role("button", name="Hide this profile").click()
    page.wait_for_url("**/review/log")
    assert "Hid ren-xiao." in page.locator(".flash").inner_text()
    assert page.goto("/experts/ren-xiao").status == 404
