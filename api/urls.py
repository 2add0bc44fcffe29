from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import tokens, views

app_name = "api"

router = DefaultRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("groups", views.SteeringGroupViewSet, basename="group")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("aftercare/figures", views.FiguresViewSet, basename="figures")


def _public(patterns):
    """The API answers for itself (401 with a JSON body, not the login page): a program cannot
    follow a redirect to a login form. Every view still requires a token or a session."""
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
    return patterns


urlpatterns = [
    path("v1/", include(_public(router.urls))),
    path("v1/schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path(
        "v1/docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/redoc/", login_not_required(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
