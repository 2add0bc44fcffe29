"""Demo figures from the peer reflection of aftercare leaders, 29.3.2023 (seed 002).

What the document says: Varha has about 900 aftercare clients and aims at 25 clients per counsellor
and 50 per social worker; Pohjois-Pohjanmaa has about 800 clients and aims at 50 per social worker
and 40 per counsellor (25 would be ideal); in one area one social worker had 80 clients and another
40 (the document does not name the area: the demo puts that spread in Pohjois-Pohjanmaa).
The quarterly breakdown, staffing and the other counts are illustrative figures around those.
Varha's clients organised by another area and its special counsellor's caseload are under 5, so
the small-count suppression shows on the pages.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from aftercare.models import (
    AgeBand,
    AgeBandCount,
    AreaReport,
    CaseloadNorm,
    ReportingPeriod,
    Role,
    StaffingLine,
    WorkerCaseload,
)
from config.demo import upsert
from governance.models import WellbeingArea

SW, CO, SC = Role.SOCIAL_WORKER, Role.COUNSELLOR, Role.SPECIAL_COUNSELLOR
QUARTERS_2023 = [(date(2023, 1, 1), date(2023, 3, 31)), (date(2023, 4, 1), date(2023, 6, 30)),
                 (date(2023, 7, 1), date(2023, 9, 30)), (date(2023, 10, 1), date(2023, 12, 31))]  # fmt: skip
OPEN_PERIOD = (date(2024, 1, 1), date(2024, 3, 31))
AGE_BANDS = [(18, 20), (21, 25)]

# area name → (manager username, norms {role: (target, ideal)}, quarterly figures)
# quarterly figures: (total, new, ended, NEET, other area, (age 18–20, 21–25),
#                     {role: (FTE filled, FTE vacant)}, [(worker, role, clients)])
AREAS = {
    "Varsinais-Suomen hyvinvointialue": (
        "esihenkilo-varha",
        {SW: (50, None), CO: (25, None)},
        [
            (
                880,
                62,
                48,
                214,
                4,
                (405, 475),
                {SW: ("15.0", "1.0"), CO: ("30.0", "2.0"), SC: ("2.0", "0.0")},
                [],
            ),
            (
                890,
                58,
                48,
                210,
                4,
                (410, 480),
                {SW: ("15.0", "1.0"), CO: ("30.0", "2.0"), SC: ("2.0", "0.0")},
                [],
            ),
            (
                895,
                55,
                50,
                208,
                4,
                (415, 480),
                {SW: ("14.0", "2.0"), CO: ("30.0", "2.0"), SC: ("2.0", "0.0")},
                [],
            ),
            (
                900,
                55,
                50,
                205,
                3,
                (420, 480),
                {SW: ("15.0", "1.0"), CO: ("30.0", "2.0"), SC: ("2.0", "0.0")},
                [
                    ("A", SW, 62),
                    ("B", SW, 58),
                    ("C", SW, 60),
                    ("D", SW, 55),
                    ("E", CO, 30),
                    ("F", CO, 28),
                    ("G", CO, 31),
                    ("H", CO, 26),
                    ("I", SC, 4),
                ],
            ),
        ],
    ),  # fmt: skip
    "Pohjois-Pohjanmaan hyvinvointialue": (
        "esihenkilo-pp",
        {SW: (50, None), CO: (40, 25)},
        [
            (770, 50, 40, 175, 11, (350, 420), {SW: ("11.0", "3.0"), CO: ("15.0", "2.0")}, []),
            (780, 52, 42, 178, 12, (355, 425), {SW: ("12.0", "2.0"), CO: ("15.0", "2.0")}, []),
            (795, 55, 40, 180, 12, (360, 435), {SW: ("12.0", "2.0"), CO: ("16.0", "1.0")}, []),
            (
                800,
                48,
                43,
                180,
                12,
                (360, 440),
                {SW: ("12.0", "2.0"), CO: ("16.0", "1.0")},
                [
                    ("A", SW, 80),
                    ("B", SW, 40),
                    ("C", SW, 65),
                    ("D", SW, 70),
                    ("E", CO, 45),
                    ("F", CO, 38),
                    ("G", CO, 52),
                ],
            ),
        ],
    ),  # fmt: skip
}


def load() -> None:
    bands = [
        upsert(AgeBand, {"lower": lower}, {"upper": upper, "is_active": True}) for lower, upper in AGE_BANDS
    ]
    periods = [
        upsert(ReportingPeriod, {"start": start, "end": end}, {"frequency": "quarter", "is_open": False})
        for start, end in QUARTERS_2023
    ]
    upsert(
        ReportingPeriod,
        {"start": OPEN_PERIOD[0], "end": OPEN_PERIOD[1]},
        {"frequency": "quarter", "is_open": True},
    )
    users = get_user_model().objects
    for area_name, (username, norms, quarters) in AREAS.items():
        area = WellbeingArea.objects.get(name_fi=area_name)
        for role, (target, ideal) in norms.items():
            upsert(
                CaseloadNorm,
                {"wellbeing_area": area, "role": role, "valid_from": date(2023, 1, 1)},
                {"target": target, "ideal": ideal},
            )
        manager = users.filter(username=username).first()
        for period, figures in zip(periods, quarters, strict=True):
            _load_report(area, period, manager, bands, figures)


def _load_report(area, period, manager, bands, figures) -> None:
    total, new, ended, neet, other, by_age, staffing, workers = figures
    submitted_at = timezone.make_aware(datetime.combine(period.end, time(12, 0)))
    report = upsert(
        AreaReport,
        {"wellbeing_area": area, "period": period},
        {
            "clients_total": total,
            "new_clients": new,
            "ended_clients": ended,
            "neet_clients": neet,
            "other_area_clients": other,
            "status": AreaReport.Status.SUBMITTED,
            "submitted_at": submitted_at,
            "submitted_by": manager,
        },
    )
    for band, clients in zip(bands, by_age, strict=True):
        upsert(AgeBandCount, {"report": report, "band": band}, {"clients": clients})
    for role, (filled, vacant) in staffing.items():
        upsert(
            StaffingLine,
            {"report": report, "role": role},
            {"fte_filled": Decimal(filled), "fte_vacant": Decimal(vacant)},
        )
    for label, role, clients in workers:
        upsert(WorkerCaseload, {"report": report, "label": label}, {"role": role, "clients": clients})
