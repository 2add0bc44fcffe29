from allauth.socialaccount import app_settings
from django.urls import include, path

from accounts.oidc import views

# The same URL names as allauth's openid_connect provider, which the provider class reverses.
urlpatterns = [
    path(
        f"{app_settings.OPENID_CONNECT_URL_PREFIX}/<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="openid_connect_login"),
                path("login/callback/", views.callback, name="openid_connect_callback"),
            ]
        ),
    )
]
