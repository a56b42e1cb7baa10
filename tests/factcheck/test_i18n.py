"""French first, English too: the default language, the switcher, <html lang>, localised dates and
error pages, and a catalogue in which every string of the templates and the code has its French."""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
FRENCH_MO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.mo"
SKIP_DIRS = {".venv", "node_modules", "tests", "bench", "var", "locale", ".git", "__pycache__"}


def _po_entries(path: Path) -> list[tuple[str | None, str, bool]]:
    """(context, msgid, is_plural) of every entry of a .po file, the header left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        for line in block.splitlines():
            match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
            if match:
                current = match.group(1)
                fields[current] = ""
                line = match.group(2)
            if line.startswith('"') and current:
                fields[current] += line[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        if fields.get("msgid"):
            entries.append((fields.get("msgctxt"), fields["msgid"], "msgid_plural" in fields))
    return entries


def test_the_workbench_speaks_french_by_default() -> None:
    import importlib

    module = importlib.import_module("factcheck.settings")
    assert module.LANGUAGE_CODE == "fr"
    assert [code for code, _name in module.LANGUAGES] == ["fr", "en"]
    assert "django.middleware.locale.LocaleMiddleware" in module.MIDDLEWARE


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_every_string_in_templates_and_code_is_translated_in_french(tmp_path: Path) -> None:
    """makemessages runs on a copy of the project, so the committed catalogue is never touched."""
    copy = tmp_path / "project"
    copy.mkdir()
    for entry in ROOT.iterdir():
        if entry.name in SKIP_DIRS or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, copy / entry.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif entry.suffix == ".py":
            shutil.copy2(entry, copy / entry.name)
    (copy / "locale").mkdir()
    env = {**os.environ, "VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "factcheck.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location", "--ignore=tests"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    wanted = _po_entries(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert len(wanted) > 100
    with FRENCH_MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    missing = []
    for context, msgid, is_plural in wanted:
        key = f"{context}\x04{msgid}" if context else msgid
        found = catalogue._catalog.get((key, 0) if is_plural else key)  # type: ignore[attr-defined]
        if not found:
            missing.append(msgid)
    assert not missing, f"{len(missing)} strings have no French (run `make messages`, then translate): {missing[:20]}"


def test_a_browser_without_preference_gets_french(settings: Any, alice: Any) -> None:
    settings.LANGUAGE_CODE = django_settings.LANGUAGE_CODE = "fr"
    client = Client()
    client.force_login(alice)
    html = client.get(reverse("claims:dashboard")).content.decode()
    assert '<html lang="fr">' in html
    assert "Tableau de bord" in html and "Mes affirmations" in html


def test_a_browser_that_prefers_english_gets_english(settings: Any, alice: Any) -> None:
    settings.LANGUAGE_CODE = "fr"
    client = Client(headers={"accept-language": "en-GB,en;q=0.9"})
    client.force_login(alice)
    html = client.get(reverse("claims:dashboard")).content.decode()
    assert '<html lang="en">' in html
    assert "My claims" in html


def test_the_switcher_remembers_the_choice_over_the_browser_preference(settings: Any, alice: Any) -> None:
    settings.LANGUAGE_CODE = "fr"
    client = Client(headers={"accept-language": "en"})
    client.force_login(alice)
    page = client.get(reverse("claims:dashboard")).content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="fr"' in page
    response = client.post(reverse("set_language"), {"language": "fr", "next": reverse("claims:article_list")})
    assert response.status_code == 302 and response["Location"] == reverse("claims:article_list")
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "fr"
    html = client.get(reverse("claims:article_list")).content.decode()
    assert '<html lang="fr">' in html and "Ajouter un article" in html
    assert 'aria-pressed="true">Français' in html


def test_the_switcher_ignores_a_foreign_next(alice: Any) -> None:
    client = Client()
    client.force_login(alice)
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_dates_and_numbers_follow_the_reader_language(alice: Any) -> None:
    ArticleFactory(created_by=alice, title="Budget", created_at=datetime(2025, 3, 3, 9, 30, tzinfo=UTC))
    client = Client()
    client.force_login(alice)
    french = client.get(reverse("claims:article_list"), headers={"accept-language": "fr"}).content.decode()
    english = client.get(reverse("claims:article_list"), headers={"accept-language": "en"}).content.decode()
    assert re.search(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 20\d\d", french
    )
    assert re.search(r"(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, 20\d\d", english)


@pytest.mark.parametrize(("language", "words"), [("fr", "Cette page n’existe pas"), ("en", "This page does not exist")])
def test_the_404_page_is_ours_in_both_languages(alice: Any, language: str, words: str) -> None:
    client = Client(headers={"accept-language": language})
    client.force_login(alice)
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert words in html and f'<html lang="{language}">' in html


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "Vous ne pouvez pas ouvrir"), ("en", "You can’t open this page")]
)
def test_the_403_page_is_ours_in_both_languages(nobody: Any, language: str, words: str) -> None:
    client = Client(headers={"accept-language": language})
    client.force_login(nobody)
    response = client.get(reverse("claims:dashboard"))
    assert response.status_code == 403
    assert words in response.content.decode()


@pytest.mark.parametrize(("language", "words"), [("fr", "Un problème est survenu"), ("en", "Something went wrong")])
def test_the_500_page_is_ours_in_both_languages(language: str, words: str) -> None:
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        html = render_to_string("500.html")
    assert words in html and f'<html lang="{language}">' in html
