"""Finnish and Swedish are complete: every string of the portal has a translation, none is fuzzy."""

import pytest

from tests.languages import left_in_english, po_entries, project_catalogues


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_catalogue_entry_is_translated_and_not_fuzzy(language):
    catalogues = project_catalogues(language)
    assert len(catalogues) >= 5  # the project's own and each app's
    missing = [
        f"{path.relative_to(path.parents[3])}: {entry['msgid'][:60]!r}"
        for path in catalogues
        for entry in po_entries(path)
        if not entry.get("msgstr") or entry.get("fuzzy")
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_strings_django_itself_leaves_in_english_are_translated(language):
    """Django 6.1's blank choice ("- Select an option -") and the like have no fi/sv translation in
    Django's own catalogues; the portal's catalogue supplies one."""
    assert left_in_english(["- Select an option -", "Indicator"], language) == []


def test_the_detector_sees_an_untranslated_string():
    assert left_in_english(["This string is in no catalogue"], "fi") == []
    assert left_in_english(["Save and add another"], "xx") == ["Save and add another"]
