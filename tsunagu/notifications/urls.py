from django.urls import path

from tsunagu.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("<int:pk>/open/", views.notification_open, name="notification-open"),
    path("read/", views.notification_read_all, name="notification-read-all"),
]
