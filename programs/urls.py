from django.urls import path

from programs import views

urlpatterns = [
    path("", views.home, name="home"),
    path("programs/", views.program_list, name="program_list"),
    path("programs/<int:pk>/", views.program_detail, name="program_detail"),
    path("programs/<int:pk>/history/", views.program_history, name="program_history"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
]
