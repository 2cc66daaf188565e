from django.urls import path

from tsunagu.cases import sharing_views as views

app_name = "sharing"
urlpatterns = [
    path("cases/<int:pk>/consents/new/", views.consent_new, name="consent-new"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("consents/<int:consent_id>/document/", views.consent_document, name="consent-document"),
    path("cases/<int:pk>/team/", views.team_add, name="team-add"),
    path("cases/<int:pk>/disclosures/", views.disclosure_list, name="disclosure-list"),
    path("cases/<int:pk>/team/<int:member_id>/remove/", views.team_remove, name="team-remove"),
    path("cases/<int:pk>/emergency/", views.emergency_new, name="emergency-new"),
    path("emergency/", views.emergency_list, name="emergency-list"),
    path("emergency/<int:emergency_id>/", views.emergency_detail, name="emergency-detail"),
]
