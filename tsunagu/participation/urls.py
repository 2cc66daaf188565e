from django.urls import path

from tsunagu.participation import views

app_name = "participation"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("figures/", views.figures, name="figures"),
    path("host/", views.host_desk, name="host"),
    path("hosts/", views.hosts, name="hosts"),
    path("hosts/<int:host_id>/end/", views.host_end, name="host-end"),
    path("cases/<int:case_id>/wellbeing/", views.wellbeing, name="wellbeing"),
    path("cases/<int:case_id>/", views.case_participation, name="case"),
    path("cases/<int:case_id>/profile/", views.profile_edit, name="profile"),
    path("cases/<int:case_id>/matches/", views.matches, name="matches"),
    path("cases/<int:case_id>/introduce/", views.introduce, name="introduce"),
    path("cases/<int:case_id>/decline/", views.decline, name="decline"),
    path("<int:participation_id>/", views.participation_detail, name="participation-detail"),
    path("<int:participation_id>/plan/", views.plan_step, name="plan-step"),
    path("<int:participation_id>/record/", views.record_step, name="record-step"),
    path("<int:participation_id>/end/", views.end, name="end"),
    path("<int:participation_id>/adaptation/", views.adaptation, name="adaptation"),
    path("<int:participation_id>/correct/", views.participation_correct, name="correct"),
]
