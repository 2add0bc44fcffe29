from django.urls import path

from governance import background, calendar, people, terms, views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("groups/<int:pk>/terms/new/", terms.term_create, name="term_create"),
    path("terms/<int:pk>/edit/", terms.term_edit, name="term_edit"),
    path("terms/<int:pk>/members/new/", terms.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", terms.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/delete/", terms.membership_delete, name="membership_delete"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/pdf/", views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<int:pk>/pdf/job/", background.meeting_pdf_job, name="meeting_pdf_job"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/status/", views.meeting_transition, name="meeting_transition"),
    path("meetings/<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("meetings/<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("meetings/<int:pk>/history/", views.meeting_history_view, name="meeting_history"),
    path("meetings/<int:pk>/checkers/", views.checkers_edit, name="checkers"),
    path("meetings/<int:pk>/check/", views.minutes_check, name="minutes_check"),
    path("meetings/<int:pk>/corrections/new/", views.correction_create, name="correction_create"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/embeds/new/", views.embed_create, name="embed_create"),
    path("sections/<int:pk>/attachments/new/", views.attachment_create, name="attachment_create"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("embeds/<int:pk>/delete/", views.embed_delete, name="embed_delete"),
    path("people/", people.people, name="people"),
    path("people/invite/", people.person_invite, name="person_invite"),
    path("people/<int:pk>/", people.person_roles, name="person_roles"),
    path("invitation/<str:uidb64>/<str:token>/", people.invitation, name="invitation"),
    path("calendar/<str:token>/meetings.ics", calendar.calendar_feed, name="calendar_feed"),
    path("calendar/renew/", calendar.calendar_renew, name="calendar_renew"),
]
