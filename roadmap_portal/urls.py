from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("schools/", include("schools.urls")),
    path("reports/", include("reports.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("imports/", include("imports.urls")),
    path("results/", include("results.urls")),
    path("risks/", include("risks.urls")),
    path("people/", include("people.urls")),
    path("", include("programs.urls")),
]
# Health probes at the root, where load balancers and systemd look for them.
urlpatterns.insert(0, path("", include("ops.urls")))
