from django.urls import path

from imports import views

urlpatterns = [
    path("new/", views.import_start, name="import_start"),
    path("programs/<int:pk>/export.<str:fmt>", views.program_export, name="program_export"),
    path("<str:token>/", views.import_preview, name="import_preview"),
]
