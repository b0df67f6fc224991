from django.urls import path

from results import views

urlpatterns = [
    path("municipalities/<int:pk>/candidates/", views.list_candidates, name="list_candidates"),
    path("municipalities/<int:pk>/decisions/", views.list_decisions, name="list_decisions"),
    path("municipalities/<int:pk>/decisions/import/", views.list_import, name="list_import"),
    path(
        "municipalities/<int:pk>/decisions/import/<str:token>/",
        views.list_import_preview,
        name="list_import_preview",
    ),
    path("import/", views.results_import, name="results_import"),
    path("import/<str:token>/", views.results_import_preview, name="results_import_preview"),
    path("programs/<int:pk>/indicators/", views.program_indicators, name="program_indicators"),
    path("programs/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/history/", views.indicator_history, name="indicator_history"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/move/", views.indicator_move, name="indicator_move"),
    path(
        "indicators/<int:pk>/years/<int:year>/",
        views.indicator_year_edit,
        name="indicator_year_edit",
    ),
    path(
        "indicators/<int:pk>/schools/<int:school_pk>/years/<int:year>/",
        views.school_value_edit,
        name="school_value_edit",
    ),
]
