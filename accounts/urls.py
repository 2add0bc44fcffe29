from allauth.account import views as allauth_views
from django.urls import include, path

from accounts import views

# Only the parts of allauth the portal uses: no sign-up, no e-mail management, no password reset by
# e-mail (administrators manage users). Not namespaced: LOGIN_URL and the templates name "login" and
# "logout", allauth reverses its own names ("account_login" is the same page).
urlpatterns = [
    path("login/", allauth_views.login, name="login"),
    path("login/", allauth_views.login, name="account_login"),
    path("logout/", views.logout_view, name="logout"),
    path("logout/", views.logout_view, name="account_logout"),
    path("security/", views.security, name="account_security"),
    path("inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("password/change/", allauth_views.password_change, name="account_change_password"),
    path("2fa/", include("allauth.mfa.urls")),
    path("sessions/", include("allauth.usersessions.urls")),
    path("", include("accounts.oidc.urls")),
]
