"""Shapes of the API's answers. Money as decimal strings ("436068.00"), counts as integers or "<5"."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aftercare.suppression import HIDDEN
from governance.models import AgendaSection, Meeting, SteeringGroup
from projects.models import Implementer, Project


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "enum": [HIDDEN]}], "nullable": True})
class CountField(serializers.Field):
    """A count as the viewer may see it: the number, or "<5" where it is suppressed."""

    def to_representation(self, value):
        return value


class MoneyField(serializers.DecimalField):
    def __init__(self, **kwargs) -> None:
        super().__init__(max_digits=14, decimal_places=2, **kwargs)


class ImplementerSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    business_id = serializers.CharField(source="organisation.business_id")

    class Meta:
        model = Implementer
        fields = ["id", "organisation", "business_id", "is_main", "start_date", "end_date"]


class FinancingSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    amount = MoneyField()
    share_percent = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, source="share")


class FinancesSerializer(serializers.Serializer):
    """Cost estimate and financing plan (of one implementer or of the whole project)."""

    cost_total = MoneyField(source="estimate.total")
    flat_rate_total = MoneyField(source="estimate.flat_rate_total")
    financing_total = MoneyField(source="plan.total")
    eu_state = MoneyField(source="plan.eu_state")
    own = MoneyField(source="plan.own")
    external = MoneyField(source="plan.external")
    financing = FinancingSerializer(source="plan.rows", many=True)


class ImplementerFinancesSerializer(FinancesSerializer):
    implementer = serializers.IntegerField(source="implementer.pk")


class BudgetSerializer(serializers.Serializer):
    total = FinancesSerializer()
    implementers = ImplementerFinancesSerializer(many=True)


class ProjectSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    programme = serializers.CharField(source="call.priority_axis.programme.name")
    implementers = ImplementerSerializer(many=True)
    budget = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "acronym",
            "status",
            "scope",
            "start_date",
            "end_date",
            "application_number",
            "programme",
            "url",
            "implementers",
            "budget",
        ]

    def get_url(self, project) -> str:
        return self.context["request"].build_absolute_uri(project.get_absolute_url())

    @extend_schema_field(BudgetSerializer)
    def get_budget(self, project) -> dict:
        finances = self.context["finances"](project)
        return {
            "total": FinancesSerializer(finances).data,
            "implementers": ImplementerFinancesSerializer(finances.implementers, many=True).data,
        }


class SteeringGroupSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.name")

    class Meta:
        model = SteeringGroup
        fields = ["id", "name", "name_sv", "kind", "owner"]


class MeetingSerializer(serializers.ModelSerializer):
    group = serializers.IntegerField(source="group_id")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "year",
            "number",
            "title",
            "kind",
            "status",
            "starts_at",
            "place",
            "online",
            "url",
        ]

    def get_url(self, meeting) -> str:
        return self.context["request"].build_absolute_uri(meeting.get_absolute_url())


class DecisionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="meeting_id")
    group = serializers.IntegerField(source="meeting.group_id")
    year = serializers.IntegerField(source="meeting.year")
    approved_at = serializers.DateTimeField(source="meeting.approved_at", allow_null=True)

    class Meta:
        model = AgendaSection
        fields = [
            "id",
            "meeting",
            "group",
            "year",
            "number",
            "title",
            "proposal",
            "decision",
            "decision_type",
            "approved_at",
        ]


class AreaSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name_fi = serializers.CharField()
    name_sv = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()
    frequency = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class StaffingSerializer(serializers.Serializer):
    role = serializers.CharField()
    fte_filled = serializers.DecimalField(max_digits=6, decimal_places=2)
    fte_vacant = serializers.DecimalField(max_digits=6, decimal_places=2)


class AgeBandSerializer(serializers.Serializer):
    band = serializers.CharField()
    clients = CountField()


class FiguresSerializer(serializers.Serializer):
    """One area's submitted figures for one period, suppressed exactly as on the pages."""

    area = AreaSerializer()
    period = PeriodSerializer()
    clients_total = CountField()
    new_clients = CountField()
    ended_clients = CountField()
    neet_clients = CountField()
    other_area_clients = CountField()
    age_bands = AgeBandSerializer(many=True)
    staffing = StaffingSerializer(many=True)


def figures_row(summary) -> dict:
    """A ``aftercare.selectors.Summary`` (already suppressed for its viewer) as an API row."""
    shown = summary.shown
    return {
        "area": summary.area,
        "period": summary.period,
        **shown,
        "age_bands": [{"band": label, "clients": value} for label, value in summary.age_bands],
        "staffing": [
            {"role": role, "fte_filled": filled, "fte_vacant": vacant}
            for role, (filled, vacant) in summary.figures.staffing.items()
        ],
    }
