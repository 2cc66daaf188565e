from django.urls import path

from tsunagu.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.figures, name="figures"),
    path("national-report/", views.national_report_view, name="national-report"),
    path("barriers/", views.barrier_list, name="barrier-list"),
    path("cases/<int:pk>/barriers/new/", views.barrier_new, name="barrier-new"),
    path("ideas/<int:idea_id>/barrier/", views.barrier_from_idea, name="barrier-from-idea"),
]
