from django.urls import path

from tsunagu.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("stale/", views.resource_stale, name="resource-stale"),
    path("<int:pk>/", views.resource_detail, name="resource-detail"),
]
