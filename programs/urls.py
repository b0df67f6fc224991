from django.urls import path

from programs import edition_views, money_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("programs/", views.program_list, name="program_list"),
    path(
        "municipalities/<int:pk>/dashboard/",
        views.municipality_dashboard,
        name="municipality_dashboard",
    ),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/edit/", views.program_edit, name="program_edit"),
    path("programs/<int:pk>/history/", views.program_history, name="program_history"),
    path("programs/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("programs/<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("sections/<int:pk>/renumber/", views.section_renumber, name="section_renumber"),
    path("public/programs/<int:pk>/", views.public_program, name="public_program"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/move/", views.activity_move, name="activity_move"),
    path("years/<int:pk>/edit/", views.activity_year_edit, name="activity_year_edit"),
    # Editions approved by orders and the change list between them (issue 12).
    path("programs/<int:pk>/editions/", edition_views.program_editions, name="program_editions"),
    path(
        "programs/<int:pk>/editions/changes/",
        edition_views.edition_changes,
        name="edition_changes",
    ),
    path(
        "programs/<int:pk>/editions/changes.<str:fmt>",
        edition_views.edition_changes_export,
        name="edition_changes_export",
    ),
    path(
        "activities/<int:pk>/financing/",
        money_views.activity_financing,
        name="activity_financing",
    ),
]
