from django.urls import path

from tsunagu.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("candidates/", views.candidates, name="candidates"),
    path("new/", views.person_new, name="person-new"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/correct/", views.person_correct, name="person-correct"),
    path("households/", views.household_list, name="household-list"),
    path("households/new/", views.household_new, name="household-new"),
    path("households/<int:pk>/", views.household_detail, name="household-detail"),
    path("households/<int:pk>/correct/", views.household_correct, name="household-correct"),
    path("households/<int:pk>/members/", views.household_add_member, name="household-add-member"),
    path(
        "households/<int:pk>/members/<int:person_id>/correct/",
        views.member_correct,
        name="member-correct",
    ),
]
