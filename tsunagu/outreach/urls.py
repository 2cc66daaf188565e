from django.urls import path

from tsunagu.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.my_day, name="my-day"),
    path("round.pdf", views.round_sheet, name="round-sheet"),
    path("figures/", views.figures, name="figures"),
    path("concerns/", views.concern_list, name="concern-list"),
    path("concerns/new/", views.concern_new, name="concern-new"),
    path("concerns/mine/", views.my_concerns, name="my-concerns"),
    path("concerns/<int:concern_id>/", views.concern_detail, name="concern-detail"),
    path("targets/new/", views.target_new, name="target-new"),
    path("targets/<int:target_id>/", views.target_detail, name="target-detail"),
    path("targets/<int:target_id>/correct/", views.target_correct, name="target-correct"),
    path(
        "targets/<int:target_id>/contacts/<int:contact_id>/correct/",
        views.contact_correct,
        name="contact-correct",
    ),
]
