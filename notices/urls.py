from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_open, name="open"),
    path("read/", views.notices_mark_read, name="mark_read"),
    path("settings/", views.preferences, name="preferences"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("jobs/<int:pk>/file/", views.job_file, name="job_file"),
]
