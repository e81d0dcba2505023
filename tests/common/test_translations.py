"""The Simplified Chinese catalogue is complete and compiled."""

from pathlib import Path

import polib
import pytest
from django.test import override_settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    p.parent for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def test_the_project_has_its_catalogues():
    assert ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" in CATALOGUES


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_message_is_untranslated_or_fuzzy(locale):
    po = polib.pofile(str(locale / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_the_source(locale):
    po = polib.pofile(str(locale / "django.po"))
    mo = polib.mofile(str(locale / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if compiled.get((e.msgctxt, e.msgid)) != (e.msgstr or e.msgstr_plural.get(0))
    ]
    assert not stale, f"run compilemessages; stale: {stale[:10]}"


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_pages_are_shown_in_chinese_when_asked(client, alice):
    client.force_login(alice)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "工作台" in html
    with translation.override("en"):
        assert "Dashboard" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
