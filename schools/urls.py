from django.urls import path

from schools import views

urlpatterns = [
    path("", views.school_list, name="school_list"),
    path("<int:pk>/", views.school_detail, name="school_detail"),
    path(
        "municipalities/<int:pk>/party-links/",
        views.party_school_links,
        name="party_school_links",
    ),
]
