import datetime
from decimal import Decimal

import factory

from projects.models import (
    Call,
    Implementer,
    Indicator,
    Measure,
    ParticipantTarget,
    PriorityAxis,
    Programme,
    Project,
    StaffResource,
    WorkPackage,
)
from tests.governance.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["name"]

    name = "Kestävää kasvua ja työtä"
    start_year = 2014
    end_year = 2020


class PriorityAxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityAxis
        django_get_or_create = ["programme", "number"]

    programme = factory.SubFactory(ProgrammeFactory)
    number = 5
    name = "Sosiaalinen osallisuus ja köyhyyden torjunta"


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    priority_axis = factory.SubFactory(PriorityAxisFactory)
    code = factory.Sequence(lambda n: f"CALL-{n}")
    name = "Testihaku"
    aid_rate = Decimal(80)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Testihanke {n}")
    acronym = factory.Sequence(lambda n: f"TH{n}")
    call = factory.SubFactory(CallFactory)
    start_date = datetime.date(2020, 8, 1)
    end_date = datetime.date(2022, 12, 31)

    class Params:
        running = factory.Trait(status=Project.Status.RUNNING)


class ImplementerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Implementer

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_main = False
    start_date = factory.SelfAttribute("project.start_date")
    end_date = factory.SelfAttribute("project.end_date")

    class Params:
        main = factory.Trait(is_main=True)


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    implementer = factory.SubFactory(ImplementerFactory)
    code = factory.Sequence(lambda n: f"TP{n + 1}")
    name = "Työpaketti"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    work_package = factory.SubFactory(WorkPackageFactory)
    code = factory.Sequence(lambda n: f"1.{n + 1}")
    name = "Toimenpide"
    timing = "1/2021–6/2021"
    outputs = "Raportti"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    kind = Indicator.Kind.OUTPUT
    name = factory.Sequence(lambda n: f"Indikaattori {n}")
    unit = "kpl"
    target = Decimal(10)


class ParticipantTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantTarget

    project = factory.SubFactory(ProjectFactory)
    year = factory.Sequence(lambda n: 2020 + n // 2)
    semester = factory.Iterator(["spring", "autumn"])
    target = 10


class StaffResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffResource

    implementer = factory.SubFactory(ImplementerFactory)
    role_title = "kehittämissuunnittelija"
    fte_percent = Decimal(100)
    start_date = datetime.date(2020, 8, 1)
    end_date = datetime.date(2022, 12, 31)
