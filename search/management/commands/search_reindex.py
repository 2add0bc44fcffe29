from django.core.management.base import BaseCommand

from search.indexing import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index from every project, meeting, attachment, organisation and person."

    def handle(self, *args, **options) -> None:
        count = reindex_all()
        self.stdout.write(f"Indexed {count} documents.")
