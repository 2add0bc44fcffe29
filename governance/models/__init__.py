"""Governance models: the registry, steering groups and meetings."""

from governance.models.meetings import (
    AgendaSection,
    Attachment,
    Attendance,
    Meeting,
    Membership,
    MinutesCheck,
    MinutesCorrection,
    MinutesLocked,
    SectionEmbed,
    SteeringGroup,
    Term,
)
from governance.models.registry import (
    Affiliation,
    AreaManager,
    Municipality,
    Organisation,
    Person,
    Region,
    WellbeingArea,
    validate_business_id,
)

__all__ = [
    "Affiliation",
    "AgendaSection",
    "AreaManager",
    "Attachment",
    "Attendance",
    "Meeting",
    "Membership",
    "MinutesCheck",
    "MinutesCorrection",
    "MinutesLocked",
    "Municipality",
    "Organisation",
    "Person",
    "Region",
    "SectionEmbed",
    "SteeringGroup",
    "Term",
    "WellbeingArea",
    "validate_business_id",
]
