from django.urls import path

from risks import views

urlpatterns = [
    path("schools/<int:pk>/", views.school_risks, name="school_risks"),
    path("schools/<int:pk>/profile/<int:year>/", views.risk_profile_edit, name="risk_profile_edit"),
    path(
        "schools/<int:pk>/documents/new/", views.risk_document_create, name="risk_document_create"
    ),
    path("documents/<int:pk>/", views.risk_document_detail, name="risk_document_detail"),
    path("documents/<int:pk>/edit/", views.risk_document_edit, name="risk_document_edit"),
    path("documents/<int:pk>/review/", views.risk_document_review, name="risk_document_review"),
    path("files/<int:pk>/", views.risk_document_file, name="risk_document_file"),
    path(
        "files/<int:pk>/delete/",
        views.risk_document_file_delete,
        name="risk_document_file_delete",
    ),
    path("municipalities/<int:pk>/", views.risk_matrix, name="risk_matrix"),
    path("municipalities/<int:pk>/matrix.xlsx", views.risk_matrix_xlsx, name="risk_matrix_xlsx"),
    path("municipalities/<int:pk>/import/", views.risk_import, name="risk_import"),
    path("regions/<int:pk>/", views.risk_region_matrix, name="risk_region_matrix"),
    path(
        "regions/<int:pk>/matrix.xlsx",
        views.risk_region_matrix_xlsx,
        name="risk_region_matrix_xlsx",
    ),
    path("activities/<int:pk>/factors/", views.activity_risk_factors, name="activity_risk_factors"),
]
