"""What a page left in English looks like: the English source strings of the portal, Django and the
libraries it uses, minus those the page's language has a translation for."""

import ast
import re
from functools import cache
from pathlib import Path

import django
from django.conf import settings
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(django.__file__).resolve().parents[1]
# Words that are the same in Finnish, Swedish and English (names, abbreviations, file types).
SAME_IN_EVERY_LANGUAGE = {"PDF", "CSV", "XLSX", "ODS", "ESR", "ESR+", "OK", "ID", "e-mail", "Y-tunnus"}
_ENTRY = re.compile(r'^(msgctxt|msgid|msgstr(?:\[\d\])?) "(.*)"$')


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file as dicts of ``msgctxt``, ``msgid``, ``msgstr``, ``fuzzy``."""
    entries, entry, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := _ENTRY.match(line):
            key = match[1].split("[")[0]
            entry[key] = entry.get(key, "") + ast.literal_eval(f'"{match[2]}"')
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    if entry:
        entries.append(entry)
    return [e for e in entries if e.get("msgid")]


def project_catalogues(language: str) -> list[Path]:
    pattern = f"locale/{language}/LC_MESSAGES/django.po"
    return sorted(
        path
        for path in [*ROOT.glob(pattern), *ROOT.glob(f"*/{pattern}")]
        if ".venv" not in path.parts and ".tools" not in path.parts
    )


@cache
def english_strings() -> frozenset[str]:
    sources = [*project_catalogues("fi"), *SITE.glob("django/**/locale/en/LC_MESSAGES/django.po")]
    for app in settings.INSTALLED_APPS:
        top = app.split(".")[0]
        sources += SITE.glob(f"{top}/locale/en/LC_MESSAGES/django.po")
    return frozenset(entry["msgid"] for path in sources for entry in po_entries(path))


@cache
def translated(language: str) -> frozenset[str]:
    catalog = trans_real.translation(language)._catalog
    return frozenset(key for key in catalog.keys() if isinstance(key, str))  # noqa: SIM118 - no __iter__


def left_in_english(texts, language: str) -> list[str]:
    """The texts that are an English source string with no translation into ``language``."""
    english, done = english_strings(), translated(language)
    return sorted(
        {
            text
            for text in texts
            if text in english
            and text not in done
            and text not in SAME_IN_EVERY_LANGUAGE
            and re.search(r"[A-Za-z]{2}", text)
        }
    )
