# ruff: noqa: E501 -- one row of the table per line, so a change shows as one line in a diff
"""Every URL × every persona (issue 10, proofs): what each one gets on every URL pattern of the
portal's apps, GET and POST, as one table. A URL pattern without a row fails the test, so a new page
is not forgotten; a changed answer fails it too, so a rule that loosens is seen.

Each cell is the status code: 200 page, 302 redirect (anonymous → login; after a POST that did
something harmless such as an empty form), 403 may see but not change, 404 may not know it exists,
405 wrong method. An empty POST carries no data, so it changes nothing.

To add a URL: add its row to ``MATRIX`` (and, if it takes a new parameter, a value in ``_kwargs``).
To see the whole table as the code answers now: ``MATRIX_PRINT=1 pytest tests/config/test_url_matrix.py -s``.
"""

import os

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from aftercare.models import AreaReport, ReportingPeriod
from funding.models import CentreBudget, FundingYear
from governance.models import (
    AgendaSection,
    Attachment,
    Meeting,
    Membership,
    Organisation,
    SectionEmbed,
    SteeringGroup,
    WellbeingArea,
)
from notices.models import Job
from notices.services import calendar_token_for
from projects.models import Implementer, PlanVersion, Project, WorkPackage
from projects.services import plan_version_freeze
from tests.governance.factories import AffiliationFactory, AgendaSectionFactory, MeetingFactory, UserFactory
from tests.notices.factories import NoticeFactory
from tests.projects.factories import WorkPackageFactory

PERSONAS = [
    "anonymous",
    "project_coordinator",  # coordinator of the main implementer (THL)
    "sub_coordinator",  # coordinator of the sub-implementer (SONet BOTNIA)
    "unrelated_coordinator",  # coordinator of an organisation in nothing
    "board_member",  # member of the SONet BOTNIA board
    "non_member",  # logged in, no organisation, no role
    "manager_a",  # aftercare manager of Varha (whose figures the URLs name)
    "manager_b",  # aftercare manager of Pohjois-Pohjanmaa
    "administrator",
]
NAMESPACES = ("projects", "funding", "aftercare", "governance", "notices")
ROOT = ("home", "accessibility", "healthz", "set_language")

# name: (GET per persona, POST per persona), in the order of PERSONAS. Reviewed row by row: 404 for
# everyone outside a project, group or area; aftercare pages for the aftercare roles only; entry,
# import and template for the area's own manager only; reopen 403 to all while the period is closed;
# the demo's first meeting is approved, so its preparers and administrators asking to change it are
# sent back to it with a message (302) and its readers are refused (403); notices are their owner's.
# The board member reads (403 on changes) the projects of the organisation whose board they sit on,
# and the aftercare figures as any outsider area does (issue 12); terms and members are kept by the
# group's preparers; people and roles by administrators and, in their organisations, coordinators.
# fmt: off
MATRIX: dict[str, tuple[str, str]] = {
    "accessibility": ("200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "aftercare:area": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "healthz": ("200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "aftercare:backfill": ("302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    "aftercare:completeness": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "aftercare:entry": ("302 404 404 404 404 404 200 404 404", "302 404 404 404 404 404 200 404 404"),
    "aftercare:export": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "aftercare:home": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "aftercare:import": ("302 404 404 404 404 404 200 404 404", "302 404 404 404 404 404 200 404 404"),
    "aftercare:overview": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "aftercare:reopen": ("302 403 403 403 403 404 403 403 403", "302 403 403 403 403 404 403 403 403"),
    "aftercare:report": ("302 200 200 200 200 404 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "aftercare:submit": ("302 405 405 405 405 405 405 405 405", "302 404 404 404 404 404 404 404 404"),
    "aftercare:template": ("302 404 404 404 404 404 200 404 404", "302 405 405 405 405 405 405 405 405"),
    "funding:actuals": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:actuals_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "funding:budget": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:budget_create": ("302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "funding:budget_edit": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "funding:costs_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "funding:export": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:financing_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "funding:funding_year": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:funding_year_create": ("302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "funding:funding_year_edit": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "funding:funding_year_pdf": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:funding_year_xlsx": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "funding:import": ("302 405 405 405 405 405 405 405 405", "302 400 400 404 403 404 404 404 400"),
    "funding:import_confirm": ("302 405 405 405 405 405 405 405 405", "302 302 302 404 403 404 404 404 302"),
    "funding:transfer": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:attachment": ("302 404 200 404 404 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:attachment_create": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:attendance": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:calendar_feed": ("200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "governance:calendar_renew": ("302 405 405 405 405 405 405 405 405", "302 302 302 302 302 302 302 302 302"),
    "governance:checkers": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:correction_create": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "governance:embed_create": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:embed_delete": ("302 405 405 405 405 405 405 405 405", "302 404 302 404 403 404 404 404 302"),
    "governance:group": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:home": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "governance:invitation": ("404 404 404 404 404 404 404 404 404", "404 404 404 404 404 404 404 404 404"),
    "governance:meeting": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:meeting_create": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "governance:meeting_edit": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:meeting_history": ("302 404 200 404 404 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:meeting_pdf": ("302 404 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:meeting_pdf_job": ("302 405 405 405 405 405 405 405 405", "302 404 302 404 302 404 404 404 302"),
    "governance:meeting_transition": ("302 405 405 405 405 405 405 405 405", "302 404 403 404 403 404 404 404 302"),
    "governance:membership_create": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "governance:membership_delete": ("302 405 405 405 405 405 405 405 405", "302 404 302 404 403 404 404 404 302"),
    "governance:membership_edit": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "governance:minutes_check": ("302 405 405 405 405 405 405 405 405", "302 404 403 404 403 404 404 404 404"),
    "governance:people": ("302 200 200 200 404 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "governance:person_invite": ("302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "governance:person_roles": ("302 404 200 404 404 404 404 404 200", "302 404 200 404 404 404 404 404 200"),
    "governance:section_create": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:section_edit": ("302 404 302 404 403 404 404 404 302", "302 404 302 404 403 404 404 404 302"),
    "governance:term_create": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "governance:term_edit": ("302 404 200 404 403 404 404 404 200", "302 404 200 404 403 404 404 404 200"),
    "home": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "notices:job": ("302 200 404 404 404 404 404 404 404", "302 405 405 405 405 405 405 405 405"),
    "notices:job_file": ("302 404 404 404 404 404 404 404 404", "302 405 405 405 405 405 405 405 405"),
    "notices:list": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "notices:mark_read": ("302 405 405 405 405 405 405 405 405", "302 302 302 302 302 302 302 302 302"),
    "notices:open": ("302 404 404 404 302 404 404 404 404", "302 405 405 405 405 405 405 405 405"),
    "notices:preferences": ("302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "projects:create": ("302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "projects:detail": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:edit": ("302 200 403 404 403 404 404 404 200", "302 200 403 404 403 404 404 404 200"),
    "projects:history": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:implementer_add": ("302 200 403 404 403 404 404 404 200", "302 200 403 404 403 404 404 404 200"),
    "projects:implementer_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "projects:indicator_values_edit": ("302 200 403 404 403 404 404 404 200", "302 200 403 404 403 404 404 404 200"),
    "projects:indicators_edit": ("302 200 403 404 403 404 404 404 200", "302 200 403 404 403 404 404 404 200"),
    "projects:list": ("302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "projects:participants_edit": ("302 200 403 404 403 404 404 404 200", "302 200 403 404 403 404 404 404 200"),
    "projects:plan": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:plan_pdf": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:programme_part_edit": ("302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    "projects:programme_part_new": ("302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    "projects:programmes": ("302 404 404 404 404 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:staff_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "projects:status": ("302 405 405 405 405 405 405 405 405", "302 302 403 404 403 404 404 404 302"),
    "projects:work_package_add": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "projects:work_package_edit": ("302 200 200 404 403 404 404 404 200", "302 200 200 404 403 404 404 404 200"),
    "projects:versions": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:version_compare": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:version_pdf": ("302 200 200 404 200 404 404 404 200", "302 405 405 405 405 405 405 405 405"),
    "projects:change_application": ("302 405 405 405 405 405 405 405 405", "302 302 403 404 403 404 404 404 302"),
    "set_language": ("302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
}
# fmt: on


def portal_patterns() -> dict[str, URLPattern]:
    resolver = get_resolver()
    found = {name: p for p in resolver.url_patterns if isinstance(p, URLPattern) and (name := p.name) in ROOT}
    for namespace in NAMESPACES:
        for pattern in resolver.namespace_dict[namespace][1].url_patterns:
            assert isinstance(pattern, URLPattern), pattern
            found[f"{namespace}:{pattern.name}"] = pattern
    return found


def _kwargs(name: str, pattern: URLPattern, world: dict) -> dict:
    route = str(pattern.pattern)
    kwargs = {}
    if "<int:pk>" in route:
        if name.startswith("notices:"):
            kwargs["pk"] = world["job"].pk if route.startswith("jobs/") else world["notice"].pk
        elif route.startswith("attachments/"):
            kwargs["pk"] = world["attachment"].pk
        elif route.startswith("implementers/"):
            kwargs["pk"] = world["implementer"].pk
        elif route.startswith("municipal/"):
            kwargs["pk"] = world["funding_year"].pk
        elif route.startswith("reports/"):
            kwargs["pk"] = world["report"].pk
        elif route.startswith("groups/"):
            kwargs["pk"] = world["group"].pk
        elif route.startswith("meetings/"):
            kwargs["pk"] = world["meeting"].pk
        elif route.startswith("sections/"):
            kwargs["pk"] = world["section"].pk
        elif route.startswith("embeds/"):
            kwargs["pk"] = world["embed"].pk
        elif route.startswith("terms/"):
            kwargs["pk"] = world["meeting"].term_id
        elif route.startswith("memberships/"):
            kwargs["pk"] = world["membership"].pk
        elif route.startswith("budgets/"):
            kwargs["pk"] = CentreBudget.objects.order_by("pk").first().pk
        elif route.startswith("programmes/"):
            kwargs["pk"] = world["project"].call.priority_axis.programme_id
        elif route.startswith("people/"):
            kwargs["pk"] = world["users"]["sub_coordinator"].pk
        else:
            kwargs["pk"] = world["project"].pk
    if "<str:uidb64>" in route:  # an invitation: a made-up link is 404 to everyone
        kwargs["uidb64"], kwargs["token"] = "MA", "no-such-token"
    elif "<str:token>" in route:
        kwargs["token"] = world["calendar_token"]
    if "<int:wp>" in route:
        kwargs["wp"] = world["work_package"].pk
    if "<slug:level>" in route:
        kwargs["level"] = "programme"
    if "<slug:kind>" in route:
        kwargs["kind"] = "cost-lines"
    if "<slug:fmt>" in route or "<str:fmt>" in route:
        kwargs["fmt"] = "csv"
    if "<slug:slug>" in route:
        kwargs["slug"] = world["area"].slug
    if "<int:period>" in route:
        kwargs["period"] = world["period"].pk
    if "<int:number>" in route:
        kwargs["number"] = world["plan_version"].number
    return kwargs


def _attachment(meeting: Meeting) -> Attachment:
    """A file on a meeting of the same group still being prepared (the demo's meetings carry none)."""
    draft = MeetingFactory(term=meeting.term, number=99)
    return Attachment.objects.create(
        section=AgendaSectionFactory(meeting=draft),
        title="Liite",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="liite.pdf"),
    )


@pytest.fixture
def world(demo, administrator, outsider, plain_user, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = Project.objects.filter(implementers__isnull=False).distinct().order_by("pk").first()
    sub = Implementer.objects.filter(project=project).exclude(pk=project.main_implementer.pk).first()
    main_coordinator = UserFactory(username="thl-koordinaattori")
    AffiliationFactory(
        user=main_coordinator, organisation=project.main_implementer.organisation, is_coordinator=True
    )
    users = django_user_model.objects
    meeting = Meeting.objects.order_by("pk").first()
    board_member = users.get(username="jasen")
    return {
        "users": {
            "anonymous": None,
            "project_coordinator": main_coordinator,
            "sub_coordinator": users.get(username="koordinaattori"),
            "unrelated_coordinator": outsider,
            "board_member": board_member,
            "non_member": plain_user,
            "manager_a": users.get(username="esihenkilo-varha"),
            "manager_b": users.get(username="esihenkilo-pp"),
            "administrator": administrator,
        },
        "project": project,
        "implementer": sub,
        "work_package": WorkPackage.objects.filter(implementer=sub).first()
        or WorkPackageFactory(implementer=sub),
        "funding_year": FundingYear.objects.order_by("pk").first(),
        "area": WellbeingArea.objects.get(slug="varha"),
        "period": ReportingPeriod.objects.get(is_open=True),
        "report": AreaReport.objects.filter(wellbeing_area__slug="varha", status="submitted").first(),
        "group": SteeringGroup.objects.get(pk=meeting.group_id),
        "meeting": meeting,
        "section": AgendaSection.objects.filter(meeting=meeting).first(),
        "embed": SectionEmbed.objects.order_by("pk").first(),
        "membership": Membership.objects.filter(term=meeting.term).order_by("pk").first(),
        "organisation": Organisation.objects.first(),
        "attachment": _attachment(meeting),
        "notice": NoticeFactory(recipient=board_member),  # a notice is its recipient's alone
        "job": Job.objects.create(user=main_coordinator, title="PDF", renderer="x", language="fi"),
        "calendar_token": calendar_token_for(board_member).token,
        "plan_version": plan_version_freeze(project=project, reason=PlanVersion.Reason.SUBMITTED),
    }


def _status(client: Client, method: str, path: str) -> int:
    return (client.get(path) if method == "GET" else client.post(path)).status_code


@pytest.mark.django_db
def test_every_portal_url_has_a_row():
    missing = sorted(set(portal_patterns()) - set(MATRIX))
    assert not missing, f"URL patterns without a row in MATRIX: {missing}"


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_the_table_says(world):
    patterns = portal_patterns()
    clients = {}
    for persona, user in world["users"].items():
        clients[persona] = Client(raise_request_exception=False)
        if user is not None:
            clients[persona].force_login(user)
    actual = {}
    for name, pattern in sorted(patterns.items()):
        path = reverse(name, kwargs=_kwargs(name, pattern, world))
        rows = []
        for method in ("GET", "POST"):
            rows.append(" ".join(str(_status(clients[p], method, path)) for p in PERSONAS))
        actual[name] = tuple(rows)
    if os.environ.get("MATRIX_PRINT"):
        print("\nMATRIX = {")
        for name, (get, post) in actual.items():
            print(f'    "{name}": ("{get}", "{post}"),')
        print("}")
    server_errors = [
        name for name, rows in actual.items() if any(c == "500" for r in rows for c in r.split())
    ]
    assert not server_errors, server_errors
    wrong = {
        name: {"expected": MATRIX.get(name), "actual": rows}
        for name, rows in actual.items()
        if MATRIX.get(name) != rows
    }
    assert not wrong, "\n".join(f"{n}: {v}" for n, v in wrong.items())


@pytest.mark.django_db
def test_every_menu_item_and_front_page_link_answers_200_to_every_persona(world):
    """No dead ends (issue 12): what the menu and the front page offer a person, they may open.
    The browser crawl (test_browser_crawl.py) follows every link further, on the demo personas."""
    import re

    problems = []
    for persona, user in world["users"].items():
        if user is None:
            continue
        client = Client(raise_request_exception=False)
        client.force_login(user)
        html = client.get("/").content.decode()
        nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
        cards = re.search(r'<div class="cards">.*?</main>', html, re.S).group(0)
        links = set(re.findall(r'href="(/[^"#]*)"', nav + cards)) - {"/admin/"}
        assert links, persona
        for href in sorted(links):
            status = client.get(href).status_code
            if status != 200:
                problems.append(f"{persona}: {href} → {status}")
    assert not problems, "\n".join(problems)
