from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search box over projects, meetings, attachments, organisations and people. A top layer:
    it reads every app below it and nothing imports it."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from search import indexing

        indexing.connect_signals()
