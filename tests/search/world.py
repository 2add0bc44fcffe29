"""A small world for search and API tests: each object carries a made-up word of its own, so a
query for that word answers "may this persona find this object?".

- the coordinator's organisation ("Centre") implements project ALFA and owns the steering group;
- the outsider's organisation implements the draft project BETA;
- the group's member (a board member with no organisation) reads published meetings;
- meetings: approved (decision ETA, public attachment ZETA, confidential attachment EPSILON),
  agenda published (decision DELTA, not yet readable by members), draft (title GAMMA).
"""

import datetime

from governance.models import Attachment, Meeting, Organisation
from projects.models import Project
from tests.governance.factories import (
    AgendaSectionFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    SteeringGroupFactory,
    TermFactory,
    UserFactory,
)
from tests.projects.factories import ImplementerFactory, MeasureFactory, ProjectFactory, WorkPackageFactory

WORDS = [
    "alfaprojekti",
    "betaluonnos",
    "gammakokous",
    "deltapäätös",
    "epsilonliite",
    "zetaliite",
    "etapäätös",
]


def _set_status(meeting: Meeting, status: str) -> None:
    # Sections and attachments are added while the meeting is a draft; then it moves on.
    Meeting.objects.filter(pk=meeting.pk).update(status=status)


def build(coordinator, outsider) -> dict:
    centre = Organisation.objects.get(affiliations__user=coordinator)
    elsewhere = Organisation.objects.get(affiliations__user=outsider)
    alfa = ProjectFactory(name="Alfaprojekti nuorten tueksi", status=Project.Status.RUNNING)
    ImplementerFactory(project=alfa, organisation=centre, is_main=True)
    package = WorkPackageFactory(implementer=alfa.implementers.get(), name="Yhteiskehittäminen")
    MeasureFactory(work_package=package, name="Hanke kokoaa alueen toimijat")
    beta = ProjectFactory(name="Betaluonnos", status=Project.Status.DRAFT)
    ImplementerFactory(project=beta, organisation=elsewhere, is_main=True)

    group = SteeringGroupFactory(owner=centre, name="Keskuksen johtoryhmä")
    term = TermFactory(group=group)
    member = UserFactory(username="member")
    MembershipFactory(term=term, person=PersonFactory(user=member, organisation=None, last_name="Jäsenen"))

    approved = MeetingFactory(term=term, title="Kevään kokous")
    section = AgendaSectionFactory(
        meeting=approved,
        title="Terveyskylä",
        presentation="Kokouksessa esiteltiin sosiaalikylä.",
        decision="Päätettiin jatkaa etapäätös mukaisesti.",
        decision_type="approved",
    )
    Attachment(section=section, title="Zetaliite talousarvio").save()
    Attachment(section=section, title="Epsilonliite palkat", confidential=True).save()
    _set_status(approved, Meeting.Status.APPROVED)

    published = MeetingFactory(
        term=term, title="Syksyn kokous", starts_at=datetime.datetime(2021, 3, 1, 9, tzinfo=datetime.UTC)
    )
    AgendaSectionFactory(
        meeting=published, title="Talous", decision="Deltapäätös ehdotuksen mukaan", decision_type="amended"
    )
    _set_status(published, Meeting.Status.AGENDA_PUBLISHED)

    draft = MeetingFactory(term=term, title="Gammakokous valmisteilla")
    return {
        "alfa": alfa,
        "beta": beta,
        "group": group,
        "member": member,
        "approved": approved,
        "published": published,
        "draft": draft,
    }
