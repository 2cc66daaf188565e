"""/api/hsds/: the directory as the HSDS 3.1 API (read-only)."""

from django.urls import path

from tsunagu.resources import hsds_api as views

app_name = "hsds"

urlpatterns = [
    path("", views.meta, name="meta"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:id>", views.organization, name="organization"),
    path("locations", views.locations, name="locations"),
    path("locations/<str:id>", views.location, name="location"),
    path("service_at_locations", views.service_at_locations, name="service-at-locations"),
    path("service_at_locations/<str:id>", views.service_at_location, name="service-at-location"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy-terms"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term, name="taxonomy-term"),
]
