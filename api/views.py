"""The read API: each endpoint asks the owning app's querysets and selectors, so a person reads
here exactly what their pages show them (and outsiders get 404 on single objects)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound

from aftercare.models import ReportingPeriod
from aftercare.selectors import summaries
from api import serializers as api_serializers
from funding.selectors import project_finances
from governance.models import AgendaSection, Meeting, SteeringGroup, WellbeingArea
from projects.models import Project


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filters_class: type[serializers.Serializer] | None = None

    def filters(self) -> dict:
        """The query's filters, validated: a wrong value is a 400 naming the parameter."""
        if self.filters_class is None or self.action != "list":
            return {}
        form = self.filters_class(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        return {k: v for k, v in form.validated_data.items() if v not in (None, "")}


class ProjectFilters(serializers.Serializer):
    year = serializers.IntegerField(
        required=False, min_value=1990, max_value=2100, help_text=_("Running in this year.")
    )
    status = serializers.ChoiceField(choices=Project.Status.choices, required=False)
    organisation = serializers.IntegerField(
        required=False, help_text=_("Implemented by this organisation (id).")
    )


@extend_schema(parameters=[ProjectFilters])
class ProjectViewSet(ReadViewSet):
    """Projects the person takes part in (all, for administrators), with implementers, cost
    estimate and financing plan."""

    serializer_class = api_serializers.ProjectSerializer
    filters_class = ProjectFilters

    def get_queryset(self):
        projects = Project.objects.visible_to(self.request.user).for_page().order_by("-start_date", "pk")
        filters = self.filters()
        if "year" in filters:
            projects = projects.filter(
                start_date__year__lte=filters["year"], end_date__year__gte=filters["year"]
            )
        if "status" in filters:
            projects = projects.filter(status=filters["status"])
        if "organisation" in filters:
            projects = projects.filter(implementers__organisation_id=filters["organisation"])
        return projects

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "finances": project_finances}


class SteeringGroupViewSet(ReadViewSet):
    """Steering groups the person belongs to or prepares (all, for administrators)."""

    serializer_class = api_serializers.SteeringGroupSerializer

    def get_queryset(self):
        return (
            SteeringGroup.objects.visible_to(self.request.user).select_related("owner").order_by("name", "pk")
        )


class MeetingFilters(serializers.Serializer):
    group = serializers.IntegerField(required=False, help_text=_("Steering group (id)."))
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)


@extend_schema(parameters=[MeetingFilters])
class MeetingViewSet(ReadViewSet):
    """Meetings as the person may see them: members see published ones, preparers also drafts."""

    serializer_class = api_serializers.MeetingSerializer
    filters_class = MeetingFilters

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user).order_by("-starts_at", "pk")
        filters = self.filters()
        if "group" in filters:
            meetings = meetings.filter(group_id=filters["group"])
        if "year" in filters:
            meetings = meetings.filter(year=filters["year"])
        return meetings


class DecisionFilters(MeetingFilters):
    meeting = serializers.IntegerField(required=False, help_text=_("Meeting (id)."))
    decision_type = serializers.ChoiceField(choices=AgendaSection.DecisionType.choices, required=False)


@extend_schema(parameters=[DecisionFilters])
class DecisionViewSet(ReadViewSet):
    """Decisions of approved minutes of the meetings the person may see."""

    serializer_class = api_serializers.DecisionSerializer
    filters_class = DecisionFilters

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user).filter(status=Meeting.Status.APPROVED)
        sections = (
            AgendaSection.objects.filter(meeting__in=meetings)
            .exclude(Q(decision="") & Q(decision_type=""))
            .select_related("meeting")
            .order_by("-meeting__starts_at", "number")
        )
        filters = self.filters()
        if "group" in filters:
            sections = sections.filter(meeting__group_id=filters["group"])
        if "year" in filters:
            sections = sections.filter(meeting__year=filters["year"])
        if "meeting" in filters:
            sections = sections.filter(meeting_id=filters["meeting"])
        if "decision_type" in filters:
            sections = sections.filter(decision_type=filters["decision_type"])
        return sections


class FigureFilters(serializers.Serializer):
    area = serializers.SlugField(required=False, help_text=_("Wellbeing area (slug)."))
    period = serializers.IntegerField(required=False, help_text=_("Reporting period (id)."))
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)


@extend_schema(parameters=[FigureFilters])
class FiguresViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Aftercare caseload and staffing per area and period: submitted figures (and the manager's own
    drafts), with counts under 5 suppressed outside the area that entered them, as on the pages."""

    serializer_class = api_serializers.FiguresSerializer

    def get_queryset(self):
        user = self.request.user
        if not user.has_perm("aftercare.view_overview"):
            raise NotFound
        form = FigureFilters(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        filters = form.validated_data
        areas = WellbeingArea.objects.order_by("name_fi")
        periods = ReportingPeriod.objects.order_by("-start")
        if filters.get("area"):
            areas = areas.filter(slug=filters["area"])
        if filters.get("period"):
            periods = periods.filter(pk=filters["period"])
        if filters.get("year"):
            periods = periods.filter(start__year=filters["year"])
        rows = summaries(user, areas=areas, periods=periods)
        return [api_serializers.figures_row(s) for s in rows if s.figures is not None]
