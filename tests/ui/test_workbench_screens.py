"""The reviewer's screens in a real browser, in French and in English: dashboard, search, import from a link,
working the article (add a claim by selecting text, split, merge, assign, reopen), keyboard navigation,
live updates seen from a second browser, axe-core on every page, and screenshots of the main screens."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from claims.extraction import reasons as R
from claims.models import Article, Claim
from sources.models import Snapshot
from tests.factories import (
    DEFAULT_PASSWORD,
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    SnapshotFactory,
    UserFactory,
)
from tests.ui.conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCALES = {"fr": "fr-FR", "en": "en-GB"}
BODY = (
    "Le 25 novembre 2024, le Corps des Marines a annoncé des bases temporaires sur les îles Nansei. "
    "Selon l'agence Kyodo, ces bases accueilleront des unités de missiles. "
    "Le budget de la défense japonaise atteindra 8 900 milliards de yens en 2025, un record."
)
PAGE = """<!doctype html><html lang="fr"><head><title>Le budget de la ville adopté</title></head><body>
<article><h1>Le budget de la ville adopté</h1>
<p>Le conseil municipal a adopté mardi un budget de 12 millions d'euros pour l'année 2025, en hausse de 4 %.</p>
<p>Le maire a annoncé que trois nouvelles écoles ouvriront en 2027 grâce à ces crédits supplémentaires.</p>
<p>L'opposition a voté contre, estimant que la dette de la ville atteindra 40 millions d'euros en 2026.</p>
</article></body></html>"""


@pytest.fixture
def people(workbench_roles: None) -> dict[str, Any]:
    return {
        "alice": UserFactory(username="alice", role="reviewer"),
        "bob": UserFactory(username="bob", role="reviewer"),
        "carol": UserFactory(username="carol", role="editor"),
    }


def sentences(article: Article) -> list[Claim]:
    claims = []
    start = 0
    for order, sentence in enumerate(re.findall(r"[^.]+\.", article.body)):
        begin = article.body.index(sentence.strip(), start)
        end = begin + len(sentence.strip())
        claims.append(ClaimFactory(article=article, start=begin, end=end, text=article.body[begin:end], order=order))
        start = end
    return claims


def assert_accessible(page: Any, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}: {violations}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_screen_in_both_languages_is_accessible_and_photographed(
    new_page: Any, people: dict[str, Any], language: str
) -> None:
    article = ArticleFactory(title="Îles Nansei", body=BODY, language="fr", created_by=people["alice"])
    claims = sentences(article)
    Claim.objects.filter(pk=claims[2].pk).update(assignee=people["carol"], status=Claim.Status.NEEDS_SECOND_REVIEW)
    Claim.objects.filter(pk=claims[1].pk).update(
        assignee=people["carol"],
        reasons=[R.reason(R.NAMES, names=["Kyodo"]), R.reason(R.ATTRIBUTED, speaker="l'agence Kyodo")],
    )
    evidence = EvidenceFactory(
        claim=claims[1], added_by=people["alice"], quote="unités de missiles", anchor_status="pending"
    )
    SnapshotFactory(source=evidence.source, status=Snapshot.Status.FAILED, error_code="http_gone",
                    error_params={"status": 404}, error_message="HTTP 404")  # fmt: skip
    page = new_page(LOCALES[language])
    log_in(page, "carol", DEFAULT_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", language)
    heading = {"fr": "Tableau de bord", "en": "Dashboard"}[language]
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name={"fr": "Mes affirmations", "en": "My claims"}[language])).to_be_visible()
    second = {"fr": "En attente de relecture", "en": "Waiting for a second review"}[language]
    expect(page.get_by_role("heading", name=second)).to_be_visible()
    assert_accessible(page, "dashboard")
    screenshot(page, f"{language}-dashboard")

    # A count links to the filtered review queue.
    page.locator(".count-tile.band-needs_second_review").click()
    expect(page).to_have_url(re.compile(r"/review/\?status=needs_second_review"))
    assert_accessible(page, "review queue")

    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("mark.claim-span")).to_have_count(3)
    assert_accessible(page, "article")
    screenshot(page, f"{language}-article")

    page.goto(f"/claims/{claims[1].pk}/")
    expect(page.locator("#next-claim")).to_be_visible()
    gone = {
        "fr": "La page a disparu ou n’existe pas (HTTP 404).",
        "en": "The page is gone or does not exist (HTTP 404).",
    }
    expect(page.locator("#evidence .error-text")).to_have_text(gone[language])
    expect(page.locator("#claim-about .reasons")).to_contain_text({"fr": "cite Kyodo", "en": "names Kyodo"}[language])
    expect(page.locator("#prev-claim")).to_be_visible()
    assert_accessible(page, "claim")
    screenshot(page, f"{language}-claim")

    page.locator("#header-q").fill("missiles")
    page.locator("#header-q").press("Enter")
    expect(page.locator("mark.hit").first).to_have_text(re.compile("missiles", re.I))
    assert_accessible(page, "search")
    screenshot(page, f"{language}-search")

    for path, name in [("/articles/", "articles"), ("/articles/new/", "new-article"), ("/articles/999999/", "404")]:
        page.goto(path)
        assert_accessible(page, name)
    screenshot(page, f"{language}-404")
    page.goto("/articles/new/")
    screenshot(page, f"{language}-new-article")


def test_switching_language_is_remembered(new_page: Any, people: dict[str, Any]) -> None:
    page = new_page("en-GB")
    log_in(page, "alice", DEFAULT_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    page.goto("/articles/")
    expect(page.get_by_role("heading", name="Articles", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter un article")).to_be_visible()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_import_an_article_from_its_link(
    new_page: Any, people: dict[str, Any], httpserver: Any, settings: Any, language: str
) -> None:
    settings.FETCH_ALLOWLIST = [f"{httpserver.host}:{httpserver.port}"]
    settings.FETCH_PER_HOST_DELAY = 0
    httpserver.expect_request("/budget").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    page = new_page(LOCALES[language])
    log_in(page, "alice", DEFAULT_PASSWORD)
    page.goto("/articles/new/")
    link = page.locator("#id_url")
    link.fill("http://127.0.0.1:9/refused")
    page.locator("#id_outlet").fill("Le Courrier")
    page.locator("form.card button[type=submit]").click()
    # Refused: the reason is next to the field and what was typed stays.
    expect(page.locator("#id_url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_url")).to_have_value("http://127.0.0.1:9/refused")
    expect(page.locator("#id_outlet")).to_have_value("Le Courrier")
    page.locator("#id_url").fill(httpserver.url_for("/budget"))
    # Tasks run in-process here: the request fetches, archives and extracts (the French model loads) before it answers.
    page.set_default_timeout(90_000)
    page.locator("form.card button[type=submit]").click()
    expect(page.get_by_role("heading", name="Le budget de la ville adopté", level=1)).to_be_visible()
    expect(page.locator("#article-language")).to_have_text({"fr": "Français", "en": "French"}[language])
    expect(page.locator("mark.claim-span").first).to_be_visible()
    article = Article.objects.get()
    assert article.outlet == "Le Courrier" and "12 millions d'euros" in article.body


def select_words(page: Any, words: str) -> None:
    """Select `words` in the article text the way a mouse would (a DOM range over the text nodes)."""
    page.evaluate(
        """(words) => {
            const root = document.querySelector("[data-article-text]");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(words);
                if (at >= 0 && node.parentElement.closest("[data-o]")) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("words not found: " + words);
        }""",
        words,
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_work_the_article_add_split_merge_assign_and_reopen(
    new_page: Any, people: dict[str, Any], language: str
) -> None:
    article = ArticleFactory(title="Îles Nansei", body=BODY, language="fr", created_by=people["alice"])
    claims = sentences(article)
    page = new_page(LOCALES[language])
    log_in(page, "carol", DEFAULT_PASSWORD)
    page.goto(f"/articles/{article.pk}/")

    # Add a claim by selecting words: the stored span is exactly the selection.
    words = "8 900 milliards de yens"
    select_words(page, words)
    expect(page.locator("#add-claim-text")).to_have_value(words)
    page.locator("#add-claim-form button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    added = Claim.objects.get(added_by=people["carol"])
    assert (added.start, added.end) == (BODY.index(words), BODY.index(words) + len(words))
    assert BODY[added.start : added.end] == words
    expect(page.locator("mark.claim-span")).to_have_count(4)

    # Split the first claim after "2024,".
    first = page.locator(f"#claim-{claims[0].pk}")
    first.locator("summary").click()
    split = first.locator(f"#split-{claims[0].pk}")
    option = split.locator("option", has_text="2024, | le")
    split.select_option(value=option.get_attribute("value"))
    first.locator("form[action$='/split/'] button").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert Claim.objects.get(pk=claims[0].pk).text == "Le 25 novembre 2024,"
    assert Claim.objects.filter(article=article).count() == 5

    # Merge it back with the claim that follows.
    first = page.locator(f"#claim-{claims[0].pk}")
    first.locator("summary").click()
    first.locator("form[action$='/merge/'] button").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert Claim.objects.get(pk=claims[0].pk).text == claims[0].text
    assert Claim.objects.filter(article=article).count() == 4

    # Assign to bob, then to me.
    row = page.locator(f"#claim-{claims[1].pk}")
    row.locator("summary").click()
    row.locator(f"#assign-{claims[1].pk}").select_option(label="bob")
    row.locator("form[action$='/assign/'] button:not([name])").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert Claim.objects.get(pk=claims[1].pk).assignee == people["bob"]
    row = page.locator(f"#claim-{claims[1].pk}")
    row.locator("summary").click()
    row.locator("form[action$='/assign/'] button[name=to_me]").click()
    expect(page.locator(f"#claim-{claims[1].pk} .assignee")).to_have_text("@carol")

    # Dismiss: the claim folds away; the editor reopens it.
    row = page.locator(f"#claim-{claims[2].pk}")
    row.locator("summary").click()
    row.locator("form[action$='/dismiss/'] button").click()
    expect(page.locator(".folded-group")).to_be_visible()
    # The redirect lands on #claim-N, so the browser may already have unfolded the group.
    if page.locator(".folded-group").get_attribute("open") is None:
        page.locator(".folded-group > summary").click()
    expect(page.locator(".folded-group")).to_have_attribute("open", "")
    row = page.locator(f"#claim-{claims[2].pk}")
    row.locator("summary").click()
    row.locator("form[action$='/reopen/'] button").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert Claim.objects.get(pk=claims[2].pk).status == Claim.Status.NEW
    assert_accessible(page, "article after edits")


def test_keyboard_moves_between_claims_and_never_fires_while_typing(new_page: Any, people: dict[str, Any]) -> None:
    article = ArticleFactory(title="Îles Nansei", body=BODY, language="fr", created_by=people["alice"])
    claims = sentences(article)
    page = new_page("fr-FR")
    log_in(page, "alice", DEFAULT_PASSWORD)
    page.goto(f"/articles/{article.pk}/")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    expect(page.locator(f"#claim-{claims[0].pk}")).to_have_class(re.compile("is-current"))
    page.keyboard.press("j")
    expect(page.locator(f"#claim-{claims[1].pk}")).to_have_class(re.compile("is-current"))
    expect(page.locator(f"#claim-{claims[1].pk} summary")).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator(f"#claim-{claims[0].pk}")).to_have_class(re.compile("is-current"))
    # Typing "j" in a field types a j.
    page.locator("#add-claim-text").click()
    page.keyboard.type("jk")
    expect(page.locator("#add-claim-text")).to_have_value("jk")
    expect(page.locator(f"#claim-{claims[0].pk}")).to_have_class(re.compile("is-current"))
    # ? opens the help; Escape closes it.
    page.locator("h1").click()
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-help")).to_be_hidden()
    # e on a claim opens its evidence form; on the claim page j goes to the next claim and v to the verdict.
    page.keyboard.press("j")
    page.keyboard.press("e")
    expect(page).to_have_url(re.compile(rf"/claims/{claims[1].pk}/#attach$"))
    page.locator("h1").click()
    page.keyboard.press("j")
    expect(page).to_have_url(re.compile(rf"/claims/{claims[2].pk}/$"))
    page.keyboard.press("v")
    expect(page.locator("#id_rating")).to_be_focused()


def test_a_change_by_another_reviewer_appears_without_reloading(new_page: Any, people: dict[str, Any]) -> None:
    article = ArticleFactory(title="Îles Nansei", body=BODY, language="fr", created_by=people["alice"])
    claims = sentences(article)
    alice = new_page("fr-FR")
    bob = new_page("en-GB")
    log_in(alice, "alice", DEFAULT_PASSWORD)
    log_in(bob, "bob", DEFAULT_PASSWORD)
    alice.goto(f"/articles/{article.pk}/")
    alice.goto(f"/articles/{article.pk}/")
    alice_claim = new_page("fr-FR")
    log_in(alice_claim, "alice", DEFAULT_PASSWORD)
    alice_claim.goto(f"/claims/{claims[0].pk}/")

    bob.goto(f"/articles/{article.pk}/")
    row = bob.locator(f"#claim-{claims[0].pk}")
    row.locator("summary").click()
    row.locator("form[action$='/assign/'] button[name=to_me]").click()
    expect(bob.locator(".message-success")).to_be_visible()

    # Alice's article page and claim page show it within seconds, without a reload.
    expect(alice.locator(f"#claim-{claims[0].pk} .assignee")).to_have_text("@bob", timeout=12_000)
    expect(alice_claim.locator("#claim-live .message")).to_contain_text("bob", timeout=12_000)


SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "nansei-fr.txt"


def test_the_sample_article_fits_in_about_two_screens(new_page: Any, people: dict[str, Any]) -> None:
    if not SAMPLE.exists():
        reason = f"the shared sample article is missing at {SAMPLE}"
        print(f"\nSKIPPING: {reason}")
        pytest.skip(reason)
    from claims.services import article_create

    article = article_create(
        title="Îles Nansei", body=SAMPLE.read_text(encoding="utf-8"), language="fr", created_by=people["alice"]
    )
    page = new_page("fr-FR")
    log_in(page, "alice", DEFAULT_PASSWORD)
    page.goto(f"/articles/{article.pk}/")
    expect(page.locator("mark.claim-span").first).to_be_visible()
    count = Claim.objects.filter(article=article).count()
    expect(page.locator("[data-claim-row]")).to_have_count(count)
    expect(page.locator(".claim-num")).to_have_count(count)  # every claim numbered in the text, nested ones too
    height = page.evaluate("() => document.documentElement.scrollHeight")
    screenshot(page, "fr-sample-article")
    assert height <= 2 * 768, f"the sample article page is {height} px tall at 1366×768"


def test_the_claim_page_rerenders_in_place_and_keeps_what_is_being_typed(new_page: Any, people: dict[str, Any]) -> None:
    article = ArticleFactory(title="Îles Nansei", body=BODY, language="fr", created_by=people["alice"])
    claim = sentences(article)[0]
    alice = new_page("fr-FR")
    bob = new_page("en-GB")
    log_in(alice, "alice", DEFAULT_PASSWORD)
    log_in(bob, "bob", DEFAULT_PASSWORD)
    alice.goto(f"/claims/{claim.pk}/")
    expect(alice.locator("#claim-about .badge")).to_have_text("Nouvelle")
    alice.evaluate("() => { window.__notReloaded = true; }")  # gone if the page reloads
    # Alice is half-way through attaching a source and writing a verdict.
    alice.locator("input[name=url]").fill("https://example.org/rapport")
    alice.locator("textarea[name=quote]").fill("Les bases accueilleront")
    summary = alice.locator("textarea[name=summary]")
    if summary.count():
        summary.fill("D'après le rapport")

    bob.goto(f"/claims/{claim.pk}/")
    bob.get_by_role("button", name="Start review").click()
    expect(bob.locator("#claim-about .badge")).to_have_text("In review")

    # Alice's page shows the new status in place within seconds, without a reload; her typing is still there.
    expect(alice.locator("#claim-about .badge")).to_have_text("En vérification", timeout=12_000)
    expect(alice.locator("#claim-live .message")).to_contain_text("En vérification")
    expect(alice.locator("input[name=url]")).to_have_value("https://example.org/rapport")
    expect(alice.locator("textarea[name=quote]")).to_have_value("Les bases accueilleront")
    if summary.count():
        expect(summary).to_have_value("D'après le rapport")
    assert alice.evaluate("() => window.__notReloaded === true")
