from django.urls import path

from tsunagu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("verify/", views.two_factor_verify, name="two-factor-verify"),
    path("two-factor/", views.two_factor_setup, name="two-factor-setup"),
    path("preferences/", views.preferences, name="preferences"),
    path("tokens/", views.tokens, name="tokens"),
    path("roles/pending/", views.pending_roles, name="pending-roles"),
    path("roles/<int:membership_id>/decide/", views.decide_role, name="role-decide"),
]
