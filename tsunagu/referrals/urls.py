from django.urls import path

from tsunagu.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="referral-list"),
    path("<int:referral_id>/", views.referral_detail, name="referral-detail"),
    path("<int:referral_id>/events/", views.referral_event, name="referral-event"),
    path("new/<int:pk>/", views.referral_new, name="referral-new"),
]
