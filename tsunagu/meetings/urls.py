from django.urls import path

from tsunagu.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_new, name="meeting-new"),
    path("<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path("<int:meeting_id>/correct/", views.meeting_correct, name="meeting-correct"),
    path("<int:meeting_id>/pledge/", views.pledge, name="pledge"),
    path("<int:meeting_id>/agenda/", views.agenda_add, name="agenda-add"),
    path("<int:meeting_id>/items/<int:item_id>/", views.material, name="material"),
    path(
        "<int:meeting_id>/items/<int:item_id>/decisions/", views.decision_add, name="decision-add"
    ),
    path("<int:meeting_id>/minutes/", views.minutes_edit, name="minutes-edit"),
    path("<int:meeting_id>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
]
