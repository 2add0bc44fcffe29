import factory

from notices.models import Kind, Notice, NoticePreference, Profile
from tests.governance.factories import UserFactory


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.AGENDA_PUBLISHED
    title = factory.Sequence(lambda n: f"Ilmoitus {n}")
    url = "/governance/"
    language = "fi"
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")


class NoticePreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticePreference

    user = factory.SubFactory(UserFactory)
    kind = Kind.AGENDA_PUBLISHED
    delivery = "immediately"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    language = "sv"
