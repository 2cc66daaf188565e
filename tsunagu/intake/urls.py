from django.urls import path

from tsunagu.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.consultation_list, name="consultation-list"),
    path("new/", views.consultation_new, name="consultation-new"),
    path("<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("<int:pk>/form.pdf", views.consultation_pdf, name="consultation-form"),
    path("<int:pk>/correct/", views.consultation_correct, name="consultation-correct"),
    path("<int:pk>/identify/", views.consultation_identify, name="consultation-identify"),
    path("<int:pk>/disposition/", views.consultation_disposition, name="consultation-disposition"),
    path(
        "<int:pk>/first-response/",
        views.consultation_first_response,
        name="consultation-first-response",
    ),
]
