"""The registry: regions, wellbeing areas, municipalities, organisations, people, and the roles
users hold in the portal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fi import ytunnus

from config.models import PortalModel


class BilingualName:
    """Places have official Finnish and Swedish names; show the one of the reader's language."""

    @property
    def name(self) -> str:
        return self.name_sv if (get_language() or "").startswith("sv") and self.name_sv else self.name_fi


def validate_business_id(value: str) -> None:
    """A Finnish business ID (Y-tunnus) such as 0245437-2, with a correct check digit."""
    try:
        ytunnus.validate(value)
    except StdnumValidationError as error:
        raise ValidationError(
            _("%(value)s is not a valid business ID (Y-tunnus): %(reason)s"),
            code="invalid_business_id",
            params={"value": value, "reason": error.message},
        ) from error


class Region(BilingualName, PortalModel):
    """Maakunta."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class WellbeingArea(BilingualName, PortalModel):
    """Hyvinvointialue (or the City of Helsinki, which reports like one)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="wellbeing_areas")
    name_fi = models.CharField(_("name in Finnish"), max_length=100, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), unique=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("wellbeing area")
        verbose_name_plural = _("wellbeing areas")

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Municipality(BilingualName, PortalModel):
    """Kunta, as Statistics Finland classifies it."""

    code = models.CharField(
        _("municipality code"),
        max_length=3,
        unique=True,
        help_text=_("The official three-digit code of Statistics Finland, e.g. 905."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=100)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    wellbeing_area = models.ForeignKey(
        WellbeingArea, on_delete=models.PROTECT, related_name="municipalities", null=True, blank=True
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{3}$"), name="municipality_code_three_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(PortalModel):
    class Kind(models.TextChoices):
        NATIONAL_INSTITUTE = "national_institute", _("national institute")
        COMPETENCE_CENTRE = "competence_centre", _("competence centre")
        UNIVERSITY = "university", _("university of applied sciences")
        WELLBEING_AREA = "wellbeing_area", _("wellbeing area")
        MUNICIPALITY = "municipality", _("municipality")
        JOINT_AUTHORITY = "joint_authority", _("joint municipal authority")
        FUNDING_AUTHORITY = "funding_authority", _("funding authority")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 0245437-2. Leave empty if not known."),
    )
    host = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted",
        verbose_name=_("host organisation"),
        help_text=_("For a competence centre: the organisation that hosts it (e.g. SeAMK)."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    wellbeing_area = models.OneToOneField(
        WellbeingArea, on_delete=models.PROTECT, null=True, blank=True, related_name="organisation"
    )
    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="organisation"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"], condition=~Q(business_id=""), name="organisation_business_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Person(PortalModel):
    """Someone who appears in the portal's records: a board member, a project worker.

    Name, title and organisation only: the portal needs no personal contact data.
    """

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text=_("The user account of this person, if they log in to the portal."),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Affiliation(PortalModel):
    """A user belongs to an organisation; a coordinator edits its projects and prepares its meetings."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    is_coordinator = models.BooleanField(_("coordinator"), default=False)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="affiliation_unique_user_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class AreaManager(PortalModel):
    """The aftercare manager of one wellbeing area: enters that area's caseload figures."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="area_manager"
    )
    wellbeing_area = models.ForeignKey(WellbeingArea, on_delete=models.CASCADE, related_name="managers")

    class Meta:
        verbose_name = _("wellbeing-area manager")
        verbose_name_plural = _("wellbeing-area managers")

    def __str__(self) -> str:
        return f"{self.user} – {self.wellbeing_area}"


# --- steering groups ----------------------------------------------------------------------------
