from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views
from accounts.password_reset import PasswordResetView

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("password/reset/", PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("role/", views.switch_role, name="switch_role"),
    path("municipalities/<int:pk>/roles/", views.municipality_roles, name="municipality_roles"),
    path(
        "municipalities/<int:pk>/roles/<int:membership_pk>/remove/",
        views.remove_role,
        name="remove_role",
    ),
]
