from django.urls import path

from monitoring import round_views, views

urlpatterns = [
    path("my/", views.my_activities, name="my_activities"),
    path(
        "activities/<int:activity_pk>/schools/<int:school_pk>/<int:year>/report/",
        views.school_report_start,
        name="school_report_start",
    ),
    path("reports/<int:pk>/", views.school_report_detail, name="school_report_detail"),
    path("reports/<int:pk>/edit/", views.school_report_edit, name="school_report_edit"),
    path("reports/<int:pk>/review/", views.school_report_review, name="school_report_review"),
    path("files/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("files/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("files/<int:pk>/publish/", views.evidence_publish, name="evidence_publish"),
    path("public/files/<int:pk>/", views.public_evidence_download, name="public_evidence_download"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/accept/", views.bulk_accept, name="bulk_accept"),
    path("programs/<int:pk>/matrix/", views.school_report_matrix, name="school_report_matrix"),
    path(
        "programs/<int:pk>/matrix.xlsx",
        views.school_report_matrix_xlsx,
        name="school_report_matrix_xlsx",
    ),
    path("programs/<int:pk>/years/<int:year>/closure/", views.year_closure, name="year_closure"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_mark_read"),
    # Reporting rounds, completeness and timeliness, consistency check (issue 12).
    path("programs/<int:pk>/rounds/", round_views.program_rounds, name="program_rounds"),
    path("rounds/<int:pk>/", round_views.round_detail, name="round_detail"),
    path("reporting/", round_views.reporting_overview, name="reporting_overview"),
    path(
        "programs/<int:pk>/consistency/",
        round_views.program_consistency,
        name="program_consistency",
    ),
]
