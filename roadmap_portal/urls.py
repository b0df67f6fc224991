from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("schools/", include("schools.urls")),
    path("reports/", include("reports.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("imports/", include("imports.urls")),
    path("people/", include("people.urls")),
    path("", include("programs.urls")),
]
