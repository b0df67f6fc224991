from django.urls import path

from reports import views

urlpatterns = [
    path("", views.generated_report_archive, name="generated_report_archive"),
    path("program/<int:pk>/", views.program_generated_reports, name="program_generated_reports"),
    path(
        "municipality/<int:pk>/",
        views.municipality_generated_reports,
        name="municipality_generated_reports",
    ),
    path(
        "municipality/<int:pk>/requisites/",
        views.department_requisites,
        name="department_requisites",
    ),
    path("school/<int:pk>/", views.school_generated_reports, name="school_generated_reports"),
    path("region/<int:pk>/", views.region_generated_reports, name="region_generated_reports"),
    path("<int:pk>/", views.generated_report_detail, name="generated_report_detail"),
    path("<int:pk>/download/", views.generated_report_download, name="generated_report_download"),
    path("<int:pk>/retry/", views.generated_report_retry, name="generated_report_retry"),
]
