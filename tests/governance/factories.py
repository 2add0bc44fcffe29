import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

from governance.models import (
    Affiliation,
    AreaManager,
    Municipality,
    Organisation,
    Person,
    Region,
    WellbeingArea,
)

PASSWORD = "test-password-1"
# The authenticator-app secret of every administrator the factory makes (pyotp.TOTP(it).now()).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        """Administrators have an authenticator app, as the portal requires of them.

        ``UserFactory(is_superuser=True, second_factor=False)`` makes one who has not set it up yet.
        """
        if create and (obj.is_staff or obj.is_superuser) and extracted is not False:
            TOTP.activate(obj, extracted or TOTP_SECRET)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name_fi = factory.Sequence(lambda n: f"Maakunta {n}")
    name_sv = factory.Sequence(lambda n: f"Landskap {n}")


class WellbeingAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WellbeingArea

    region = factory.SubFactory(RegionFactory)
    name_fi = factory.Sequence(lambda n: f"Testialueen {n} hyvinvointialue")
    name_sv = factory.Sequence(lambda n: f"Testområdets {n} välfärdsområde")
    short_name = factory.Sequence(lambda n: f"Alue {n}")
    slug = factory.Sequence(lambda n: f"alue-{n}")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.Sequence(lambda n: f"Kommun {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisaatio {n}")
    short_name = factory.Sequence(lambda n: f"Org {n}")
    kind = Organisation.Kind.COMPETENCE_CENTRE

    class Params:
        wellbeing = factory.Trait(
            kind=Organisation.Kind.WELLBEING_AREA, wellbeing_area=factory.SubFactory(WellbeingAreaFactory)
        )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    title = "asiantuntija"
    organisation = factory.SubFactory(OrganisationFactory)


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_coordinator = False


class AreaManagerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaManager

    user = factory.SubFactory(UserFactory)
    wellbeing_area = factory.SubFactory(WellbeingAreaFactory)


# --- steering groups and meetings ------------------------------------------------------------

import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from governance.models import (  # noqa: E402
    AgendaSection,
    Attendance,
    Meeting,
    Membership,
    SectionEmbed,
    SteeringGroup,
    Term,
)


class SteeringGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroup

    kind = SteeringGroup.Kind.BOARD
    owner = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Johtoryhmä {n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    group = factory.SubFactory(SteeringGroupFactory)
    start_year = 2020
    end_year = 2021


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    term = factory.SubFactory(TermFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER

    class Params:
        chair = factory.Trait(role=Membership.Role.CHAIR)
        secretary = factory.Trait(role=Membership.Role.SECRETARY)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    term = factory.SubFactory(TermFactory)
    group = factory.SelfAttribute("term.group")
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(
        lambda: datetime.datetime(2020, 6, 12, 9, 0, tzinfo=timezone.get_default_timezone())
    )
    place = "Teams"
    online = True
    status = Meeting.Status.DRAFT

    class Params:
        published = factory.Trait(status=Meeting.Status.AGENDA_PUBLISHED)
        minutes_drafted = factory.Trait(status=Meeting.Status.MINUTES_DRAFTED)
        approved = factory.Trait(status=Meeting.Status.APPROVED)


class AgendaSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSection

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Asia {n}")
    presentation = "Esittelyteksti."
    proposal = "Päätösehdotus."
    decision = "Hyväksyttiin."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory, term=factory.SelfAttribute("..meeting.term"))
    person = factory.SelfAttribute("membership.person")
    status = Attendance.Status.PRESENT


class SectionEmbedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionEmbed

    section = factory.SubFactory(AgendaSectionFactory)
    section_key = "tests.figures"
    params = factory.LazyFunction(lambda: {"label": "Luku", "value": "1234.50"})
