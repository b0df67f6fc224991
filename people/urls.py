from django.urls import path

from people import views

urlpatterns = [
    path("municipalities/<int:pk>/", views.staff_directory, name="staff_directory"),
    path("programs/<int:pk>/curators/", views.program_curators, name="program_curators"),
]
