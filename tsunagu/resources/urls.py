from django.urls import path

from tsunagu.resources import views

app_name = "resources"

urlpatterns = [
    path("", views.resource_list, name="resource-list"),
    path("stale/", views.resource_stale, name="resource-stale"),
    path("<int:pk>/", views.resource_detail, name="resource-detail"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("public_facility.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("public_facility.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
]
