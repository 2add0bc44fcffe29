from django.urls import path

from projects import programmes, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("programmes/", programmes.programme_tree, name="programmes"),
    path("programmes/<slug:level>/new/", programmes.programme_part_edit, name="programme_part_new"),
    path("programmes/<slug:level>/<int:pk>/", programmes.programme_part_edit, name="programme_part_edit"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/plan/", views.project_plan, name="plan"),
    path("<int:pk>/history/", views.project_history, name="history"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/versions/", views.plan_versions, name="versions"),
    path("<int:pk>/versions/compare/", views.plan_version_compare, name="version_compare"),
    path("<int:pk>/versions/change-application/", views.plan_change_application, name="change_application"),
    path("<int:pk>/versions/<int:number>.pdf", views.plan_version_pdf, name="version_pdf"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/status/", views.project_status, name="status"),
    path("<int:pk>/implementers/new/", views.implementer_add, name="implementer_add"),
    path("<int:pk>/indicators/edit/", views.rows_edit, {"kind": "indicators"}, name="indicators_edit"),
    path("<int:pk>/indicators/values/", views.indicator_values_edit, name="indicator_values_edit"),
    path("<int:pk>/participants/edit/", views.rows_edit, {"kind": "participants"}, name="participants_edit"),
    path("implementers/<int:pk>/edit/", views.implementer_edit, name="implementer_edit"),
    path("implementers/<int:pk>/staff/", views.staff_edit, name="staff_edit"),
    path("implementers/<int:pk>/work-packages/new/", views.work_package_edit, name="work_package_add"),
    path("implementers/<int:pk>/work-packages/<int:wp>/", views.work_package_edit, name="work_package_edit"),
]
