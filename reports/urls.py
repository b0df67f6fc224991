from django.urls import path

from reports import views

urlpatterns = [
    path("", views.report_archive, name="report_archive"),
    path("program/<int:pk>/", views.program_reports, name="program_reports"),
    path("municipality/<int:pk>/", views.municipality_reports, name="municipality_reports"),
    path(
        "municipality/<int:pk>/requisites/",
        views.department_requisites,
        name="department_requisites",
    ),
    path("school/<int:pk>/", views.school_reports, name="school_reports"),
    path("region/<int:pk>/", views.region_reports, name="region_reports"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/download/", views.report_download, name="report_download"),
    path("<int:pk>/retry/", views.report_retry, name="report_retry"),
]
