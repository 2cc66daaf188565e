from django.urls import path

from tsunagu.community import public_views as views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("yasashii/", views.index, {"easy": True}, name="index-easy"),
    path("events.ics", views.town_calendar, name="events-ics"),
    path("events.csv", views.events_csv, name="events-csv"),
    path("events/<uuid:event_uuid>/", views.event, name="event"),
    path("yasashii/events/<uuid:event_uuid>/", views.event, {"easy": True}, name="event-easy"),
    path("places/<uuid:place_uuid>/", views.place, name="place"),
    path("yasashii/places/<uuid:place_uuid>/", views.place, {"easy": True}, name="place-easy"),
    path("places/<uuid:place_uuid>/events.ics", views.place_calendar, name="place-ics"),
]
