"""The public pages alone (TSUNAGU_PUBLIC_ONLY=1): a read-only site of the town's places and
events, with no sign-in and no staff page behind it."""

from django.urls import include, path
from django.views.generic import RedirectView

from tsunagu.core.views import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="public:index", permanent=False)),
    path("public/", include("tsunagu.community.public_urls")),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "tsunagu.community.public_views.not_found"
handler500 = "tsunagu.core.views.server_error"
