"""``manage.py generate_national_data --scale N``: synthetic national data for measuring the portal.

Deterministic (every row comes from a random generator seeded by its own index, so scale 10 holds
scale 1 as it is and adds to it), anonymous (no names of real people: "Jäsen 17", workers "A", "B"…)
and fast (``bulk_create`` in batches, no history rows: nobody edited this data).

At scale 1: all 22 areas with ten years of quarterly reports (about 1 000 anonymous workers in all,
each in every quarter), 500 projects with three implementers each, their work packages, measures,
staff, cost and financing lines, and 200 steering groups with 5 000 meetings and 40 000 agenda
sections. ``--scale 10`` is ten times the projects, groups, meetings, sections and workers (the areas
and the ten years stay: there are 22 areas).

Generated rows carry a marker (``SYN`` in a name or code), and the command refuses a database that
holds other projects, groups or aftercare reports unless ``--force`` is given (e.g. the demo beside
the national data for a benchmark). config imports no app: the models are looked up by name.
"""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from config import money

MARK = "SYN"
PROJECTS, GROUPS, MEETINGS_PER_GROUP, SECTIONS_PER_MEETING = 500, 200, 25, 8
WORKERS_PER_AREA = 45  # 22 areas × 45 ≈ 1 000 anonymous workers at scale 1
FIRST_YEAR, YEARS = 2016, 10
BATCH = 5_000
TOPICS = [
    "Jälkihuollon asiakasmitoitus",
    "Talousarvion toteutuma",
    "Hankkeen tilannekatsaus",
    "Asiakasraadin palaute",
    "Palveluiden yhdyspinnat",
    "Asiakastietojärjestelmä",
    "Työnkuvat ja osaaminen",
    "Hankinnat",
]


def model(label: str):
    return apps.get_model(label)


def label(n: int) -> str:
    """Anonymous worker labels A … Z, AA … ZZ, AAA …"""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(65 + rest) + text
    return text


def rng(kind: str, index: int, seed: int) -> random.Random:
    return random.Random(f"{seed}:{kind}:{index}")


class Command(BaseCommand):
    help = "Create deterministic synthetic national data (no personal data) for measuring the portal."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1, help="1 = 500 projects, 200 groups, …; 0.02 for a test"
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that also holds other (real or demo) data.",
        )

    def handle(self, *args, scale: int, seed: int, force: bool, verbosity: int = 1, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0.")
        if not force and self.foreign_data():
            raise CommandError(
                "The database holds data that this command did not generate "
                f"({self.foreign_data()}). Use --force to add national data beside it."
            )
        self.seed, self.scale, self.verbose = seed, scale, verbosity > 0
        with transaction.atomic():
            self.registry()
            self.aftercare()
            self.projects()
            self.governance()
        self.say(self.style.SUCCESS(f"National data at scale {scale:g} ready."))

    def count(self, at_scale_1: int) -> int:
        return max(1, round(at_scale_1 * self.scale))

    def say(self, text: str) -> None:
        if self.verbose:
            self.stdout.write(text)
            self.stdout.flush()

    def bulk(self, label_: str, rows: list) -> list:
        created = model(label_).objects.bulk_create(rows, batch_size=BATCH)
        self.say(f"  {label_}: +{len(created):,}")
        return created

    @staticmethod
    def foreign_data() -> str:
        checks = {
            "projects": model("projects.Project").objects.exclude(application_number__startswith=MARK),
            "steering groups": model("governance.SteeringGroup").objects.exclude(name__startswith=MARK),
            "aftercare reports": model("aftercare.AreaReport").objects.exclude(note=MARK),
        }
        return ", ".join(name for name, queryset in checks.items() if queryset.exists())

    # --- registry -------------------------------------------------------------------------------
    def registry(self) -> None:
        Organisation = model("governance.Organisation")
        if model("governance.WellbeingArea").objects.count() < 22:
            from importlib import import_module

            import_module("governance.demo").load_registry()  # the reference data: regions and areas
        self.areas = list(model("governance.WellbeingArea").objects.order_by("pk"))
        self.regions = list(model("governance.Region").objects.order_by("code"))
        wanted = max(3, self.count(60))
        have = set(Organisation.objects.filter(name__startswith=MARK).values_list("name", flat=True))
        kinds = [Organisation.Kind.ASSOCIATION, Organisation.Kind.JOINT_AUTHORITY, Organisation.Kind.OTHER]
        self.bulk(
            "governance.Organisation",
            [
                Organisation(
                    name=f"{MARK} organisaatio {n:05d}",
                    short_name=f"{MARK}-{n}",
                    kind=kinds[n % 3],
                    region=self.regions[n % len(self.regions)],
                )
                for n in range(wanted)
                if f"{MARK} organisaatio {n:05d}" not in have
            ],
        )
        self.organisations = list(Organisation.objects.filter(name__startswith=MARK).order_by("name"))
        # A benchmark beside the demo: some generated projects and groups belong to the demo's centre,
        # so its coordinator's pages grow with the data as a busy coordinator's would.
        self.demo_centre = Organisation.objects.filter(short_name="SONet BOTNIA").first()

    # --- aftercare: 22 areas × 40 quarters ------------------------------------------------------
    def aftercare(self) -> None:
        Period, Report = model("aftercare.ReportingPeriod"), model("aftercare.AreaReport")
        AgeBand = model("aftercare.AgeBand")
        periods = []
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            for quarter in range(4):
                start = datetime.date(year, 3 * quarter + 1, 1)
                end = (start.replace(day=28) + datetime.timedelta(days=4 + 62)).replace(day=1)
                end -= datetime.timedelta(days=1)
                period, _ = Period.objects.get_or_create(
                    start=start, end=end, defaults={"frequency": "quarter", "is_open": False}
                )
                periods.append(period)
        bands = list(AgeBand.objects.filter(is_active=True).order_by("lower"))
        if not bands:
            bands = [
                AgeBand.objects.create(lower=lower, upper=upper) for lower, upper in ((18, 20), (21, 25))
            ]
        taken = set(Report.objects.values_list("wellbeing_area_id", "period_id"))
        new = []
        for a, area in enumerate(self.areas):
            for p, period in enumerate(periods):
                if (area.pk, period.pk) in taken:
                    continue
                r = rng("report", a * 1000 + p, self.seed)
                total = r.randint(150, 900)
                new.append(
                    Report(
                        wellbeing_area=area,
                        period=period,
                        status="submitted",
                        clients_total=total,
                        new_clients=r.randint(0, total // 5),
                        ended_clients=r.randint(0, total // 6),
                        neet_clients=r.randint(0, total // 3),
                        other_area_clients=r.randint(0, 9),
                        note=MARK,
                        submitted_at=timezone.make_aware(
                            datetime.datetime.combine(period.end, datetime.time(9))
                        ),
                    )
                )
        reports = self.bulk("aftercare.AreaReport", new)
        AgeCount, Staffing = model("aftercare.AgeBandCount"), model("aftercare.StaffingLine")
        ages, staffing = [], []
        for report in reports:
            share = report.clients_total // len(bands)
            rest = report.clients_total - share * (len(bands) - 1)
            ages += [AgeCount(report=report, band=b, clients=share) for b in bands[:-1]]
            ages.append(AgeCount(report=report, band=bands[-1], clients=rest))
            staffing += [
                Staffing(
                    report=report, role="social_worker", fte_filled=Decimal("12.0"), fte_vacant=Decimal("1.5")
                ),
                Staffing(
                    report=report, role="counsellor", fte_filled=Decimal("20.0"), fte_vacant=Decimal("0.5")
                ),
            ]
        self.bulk("aftercare.AgeBandCount", ages)
        self.bulk("aftercare.StaffingLine", staffing)
        # Workers: WORKERS_PER_AREA × scale in every generated report (added to when the scale grows).
        Worker = model("aftercare.WorkerCaseload")
        wanted = self.count(WORKERS_PER_AREA)
        have = dict(Worker.objects.filter(report__note=MARK).values_list("report_id").annotate(n=Count("pk")))
        roles = ["social_worker", "counsellor", "special_counsellor"]
        workers = []
        for report in Report.objects.filter(note=MARK).only("pk"):
            r = rng("workers", report.pk, self.seed)
            for n in range(have.get(report.pk, 0), wanted):
                workers.append(
                    Worker(report=report, label=label(n), role=roles[n % 3], clients=r.randint(5, 80))
                )
            if len(workers) >= BATCH * 4:
                self.bulk("aftercare.WorkerCaseload", workers)
                workers = []
        self.bulk("aftercare.WorkerCaseload", workers)

    # --- projects and their money ---------------------------------------------------------------
    def projects(self) -> None:
        Programme, Axis, Call = (
            model("projects.Programme"),
            model("projects.PriorityAxis"),
            model("projects.Call"),
        )
        Project, Implementer = model("projects.Project"), model("projects.Implementer")
        programme, _ = Programme.objects.get_or_create(
            name=f"{MARK} ohjelma", defaults={"start_year": 2014, "end_year": 2027}
        )
        axis, _ = Axis.objects.get_or_create(
            programme=programme, number=1, defaults={"name": f"{MARK} toimintalinja"}
        )
        call, _ = Call.objects.get_or_create(
            code=f"{MARK}-HAKU-1",
            defaults={"priority_axis": axis, "name": f"{MARK} haku", "aid_rate": Decimal(80)},
        )
        have = Project.objects.filter(application_number__startswith=MARK).count()
        wanted = self.count(PROJECTS)
        projects = []
        for n in range(have, wanted):
            r = rng("project", n, self.seed)
            start = datetime.date(r.randint(2016, 2024), r.choice([1, 3, 6, 9]), 1)
            projects.append(
                Project(
                    name=f"{MARK} kehittämishanke {n:05d}: {r.choice(TOPICS).lower()}",
                    acronym=f"{MARK}{n:05d}",
                    application_number=f"{MARK}-{n:06d}",
                    call=call,
                    start_date=start,
                    end_date=start.replace(year=start.year + 2) - datetime.timedelta(days=1),
                    status=r.choice(["draft", "submitted", "approved", "running", "closed"]),
                    scope=r.choice(["national", "regional"]),
                    goals="Synteettinen tavoite mittausta varten.",
                )
            )
        projects = self.bulk("projects.Project", projects)
        implementers = []
        for project in projects:
            n = int(project.application_number.split("-")[1])
            r = rng("implementers", n, self.seed)
            organisations = r.sample(self.organisations, 3)
            if self.demo_centre and n % 10 == 0:
                organisations[2] = self.demo_centre
            for i, organisation in enumerate(organisations):
                implementers.append(
                    Implementer(
                        project=project,
                        organisation=organisation,
                        is_main=i == 0,
                        start_date=project.start_date,
                        end_date=project.end_date,
                        role="Synteettinen rooli.",
                    )
                )
        implementers = self.bulk("projects.Implementer", implementers)
        self.project_parts(implementers)

    def project_parts(self, implementers: list) -> None:
        WorkPackage, Measure = model("projects.WorkPackage"), model("projects.Measure")
        Staff, CostModel = model("projects.StaffResource"), model("funding.CostModel")
        CostLine, FinancingLine = model("funding.CostLine"), model("funding.FinancingLine")
        packages, staff, models_, costs, financing = [], [], [], [], []
        for implementer in implementers:
            r = rng("parts", implementer.pk, self.seed)
            for w in range(1, 4):
                packages.append(WorkPackage(implementer=implementer, code=f"TP{w}", name=r.choice(TOPICS)))
            for role in ("Projektipäällikkö", "Kehittämissuunnittelija"):
                staff.append(
                    Staff(
                        implementer=implementer,
                        role_title=role,
                        fte_percent=Decimal(r.choice([50, 80, 100])),
                        start_date=implementer.start_date,
                        end_date=implementer.end_date,
                    )
                )
            models_.append(
                CostModel(implementer=implementer, flat_rate_percent=Decimal(r.choice([15, 24, 40])))
            )
            total = Decimal(0)
            for year in range(implementer.start_date.year, implementer.start_date.year + 3):
                for category in ("salaries", "travel", "other", "purchased_services"):
                    amount = Decimal(r.randint(1_000, 90_000))
                    total += amount
                    costs.append(
                        CostLine(implementer=implementer, category=category, year=year, amount=amount)
                    )
            eu = money.of_percent(total, Decimal(80), money.EURO)
            financing += [
                FinancingLine(implementer=implementer, kind="eu_state", amount=eu),
                FinancingLine(
                    implementer=implementer, kind="own_municipal", source="Kunta", amount=total - eu
                ),
            ]
        packages = self.bulk("projects.WorkPackage", packages)
        self.bulk(
            "projects.Measure",
            [
                Measure(work_package=package, code=f"{package.code[2:]}.{m}", name=f"Toimenpide {m}")
                for package in packages
                for m in (1, 2)
            ],
        )
        self.bulk("projects.StaffResource", staff)
        self.bulk("funding.CostModel", models_)
        self.bulk("funding.CostLine", costs)
        self.bulk("funding.FinancingLine", financing)

    # --- steering groups, meetings, sections ----------------------------------------------------
    def governance(self) -> None:
        Group, Term = model("governance.SteeringGroup"), model("governance.Term")
        Person, Membership = model("governance.Person"), model("governance.Membership")
        have = Group.objects.filter(name__startswith=MARK).count()
        groups = []
        for n in range(have, self.count(GROUPS)):
            owner = (
                self.demo_centre
                if self.demo_centre and n % 20 == 0
                else self.organisations[n % len(self.organisations)]
            )
            groups.append(
                Group(kind=["board", "project", "network"][n % 3], owner=owner, name=f"{MARK} ryhmä {n:05d}")
            )
        groups = self.bulk("governance.SteeringGroup", groups)
        terms = self.bulk(
            "governance.Term",
            [Term(group=group, start_year=FIRST_YEAR, end_year=FIRST_YEAR + YEARS - 1) for group in groups],
        )
        people = self.bulk(
            "governance.Person",
            [
                Person(first_name="Jäsen", last_name=f"{MARK}-{group.pk}-{m}", organisation=group.owner)
                for group in groups
                for m in range(5)
            ],
        )
        roles = ["chair", "vice_chair", "member", "member", "secretary"]
        memberships = self.bulk(
            "governance.Membership",
            [
                Membership(term=term, person=people[5 * t + m], role=roles[m])
                for t, term in enumerate(terms)
                for m in range(5)
            ],
        )
        self.meetings(groups, terms, memberships)

    def meetings(self, groups: list, terms: list, memberships: list) -> None:
        Meeting, Section = model("governance.Meeting"), model("governance.AgendaSection")
        Attendance = model("governance.Attendance")
        helsinki = datetime.timezone(datetime.timedelta(hours=2))
        meetings, members_of = [], {}
        for g, (group, term) in enumerate(zip(groups, terms, strict=True)):
            r = rng("meetings", group.pk, self.seed)
            members_of[group.pk] = memberships[5 * g : 5 * g + 5]
            days = sorted(r.sample(range(YEARS * 365 - 5), MEETINGS_PER_GROUP))
            numbers: dict[int, int] = {}
            for day in days:
                starts = datetime.datetime(FIRST_YEAR, 1, 1, 13, tzinfo=helsinki) + datetime.timedelta(
                    days=day
                )
                numbers[starts.year] = numbers.get(starts.year, 0) + 1
                approved = starts.year < FIRST_YEAR + YEARS - 1
                meetings.append(
                    Meeting(
                        group=group,
                        term=term,
                        year=starts.year,
                        number=numbers[starts.year],
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(hours=2),
                        online=r.random() < 0.5,
                        place="Teams",
                        status="approved" if approved else "agenda_published",
                        approved_at=starts + datetime.timedelta(days=14) if approved else None,
                    )
                )
        meetings = self.bulk("governance.Meeting", meetings)
        sections, attendances, next_number = [], [], {}
        for meeting in meetings:
            r = rng("sections", meeting.pk, self.seed)
            key = (meeting.group_id, meeting.year)
            for _ in range(SECTIONS_PER_MEETING):
                next_number[key] = next_number.get(key, 0) + 1
                approved = meeting.status == "approved"
                sections.append(
                    Section(
                        meeting=meeting,
                        number=next_number[key],
                        title=r.choice(TOPICS),
                        presentation="Synteettinen esittely. " * r.randint(2, 12),
                        proposal="Merkitään tiedoksi.",
                        decision="Merkittiin tiedoksi." if approved else "",
                        decision_type="noted" if approved else "",
                    )
                )
            attendances += [
                Attendance(meeting=meeting, person_id=membership.person_id, membership=membership)
                for membership in members_of[meeting.group_id]
            ]
            if len(sections) >= BATCH * 4:
                self.bulk("governance.AgendaSection", sections)
                sections = []
        self.bulk("governance.AgendaSection", sections)
        self.bulk("governance.Attendance", attendances)
