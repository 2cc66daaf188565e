from django.urls import path

from tsunagu.community import views

app_name = "community"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("figures/", views.figures, name="figures"),
    path("places/", views.places, name="places"),
    path("places/new/", views.place_new, name="place-new"),
    path("places/<int:place_id>/", views.place_detail, name="place-detail"),
    path("places/<int:place_id>/correct/", views.place_correct, name="place-correct"),
    path("places/<int:place_id>/gatekeepers/", views.gatekeeper_add, name="gatekeeper-add"),
    path("places/<int:place_id>/visits/", views.visit_add, name="visit-add"),
    path("gatekeepers/<int:gatekeeper_id>/end/", views.gatekeeper_end, name="gatekeeper-end"),
    path("gatekeepers/<int:gatekeeper_id>/worry/", views.worry_pass, name="worry-pass"),
    path("visits/<int:visit_id>/correct/", views.visit_correct, name="visit-correct"),
    path("gatherings/", views.gatherings, name="gatherings"),
    path("gatherings/new/", views.gathering_new, name="gathering-new"),
    path("gatherings/<int:gathering_id>/", views.gathering_detail, name="gathering-detail"),
    path(
        "gatherings/<int:gathering_id>/correct/",
        views.gathering_correct,
        name="gathering-correct",
    ),
    path("gatherings/<int:gathering_id>/guests/", views.gathering_guests, name="gathering-guests"),
    path("gatherings/<int:gathering_id>/ties/", views.gathering_tie, name="gathering-tie"),
    path("gatherings/<int:gathering_id>/ideas/", views.idea_add, name="idea-add"),
    path("gatherings/<int:gathering_id>/follow-ups/", views.follow_up_add, name="follow-up-add"),
    path("ideas/<int:idea_id>/", views.idea_settle, name="idea-settle"),
    path("follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow-up-done"),
    path("members/", views.members, name="members"),
    path("members/new/", views.member_new, name="member-new"),
    path("members/<int:member_id>/", views.member_detail, name="member-detail"),
    path("members/<int:member_id>/correct/", views.member_correct, name="member-correct"),
    path("members/<int:member_id>/ties/", views.member_tie, name="member-tie"),
    path("ties/<int:tie_id>/end/", views.tie_end, name="tie-end"),
    path("network/", views.network_page, name="network"),
    path("encounters/", views.encounters, name="encounters"),
    path("encounters/keep/", views.encounter_keep, name="encounter-keep"),
    path("encounters/<int:suggestion_id>/tie/", views.encounter_tie, name="encounter-tie"),
    path("encounters/<int:suggestion_id>/decide/", views.encounter_decide, name="encounter-decide"),
]
