"""The dataset's description (DCAT-AP style), for the page and as JSON-LD for harvesters."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TITLE = _("Aftercare caseload and staffing by wellbeing area")
DESCRIPTION = _(
    "The number of aftercare clients (young adults aged 18–25 who were placed outside their home by "
    "child welfare) of each Finnish wellbeing area per reporting period: clients in total, new and "
    "ended clients, clients in the NEET situation, clients organised by another area, and the "
    "counsellor and social worker staffing in full-time equivalents. Aggregate figures only; counts "
    'under 5 read "<5", and a second figure is hidden where it would give a hidden one away.'
)
FREQUENCY = _("After each reporting period is closed and released (quarterly or half-yearly).")
FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/IRREG"


def contact_email() -> str:
    return settings.OPEN_DATA_CONTACT_EMAIL


def dcat(request, periods) -> dict:
    """DCAT JSON-LD of the dataset and its two distributions."""
    absolute = request.build_absolute_uri
    modified = max((p.open_data_release.created_at for p in periods), default=None)
    distributions = [
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{TITLE} ({fmt.upper()})",
            "dcat:accessURL": {"@id": absolute(reverse("opendata:index"))},
            "dcat:downloadURL": {"@id": absolute(reverse(f"opendata:{fmt}"))},
            "dcat:mediaType": media,
            "dct:format": fmt.upper(),
            "dct:license": {"@id": LICENSE_URL},
        }
        for fmt, media in (("csv", "text/csv"), ("json", "application/json"))
    ]
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": absolute(reverse("opendata:index")),
        "@type": "dcat:Dataset",
        "dct:title": str(TITLE),
        "dct:description": str(DESCRIPTION),
        "dct:language": [{"@id": "http://publications.europa.eu/resource/authority/language/FIN"}],
        "dct:license": {"@id": LICENSE_URL},
        "dct:accrualPeriodicity": {"@id": FREQUENCY_URI},
        "dct:modified": {"@value": modified.date().isoformat(), "@type": "xsd:date"} if modified else None,
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": periods[0].start.isoformat(),
            "dcat:endDate": periods[-1].end.isoformat(),
        }
        if periods
        else None,
        "dcat:keyword": ["jälkihuolto", "lastensuojelu", "hyvinvointialue", "eftervård", "aftercare"],
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": "Jälkihuoltoportaali",
            "vcard:hasEmail": {"@id": f"mailto:{contact_email()}"},
        },
        "dcat:distribution": distributions,
    }
