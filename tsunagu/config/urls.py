from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from tsunagu.config.api import api

admin.site.site_header = _("Tsunagu administration")
admin.site.site_title = _("Tsunagu administration")

urlpatterns = [
    path("", include("tsunagu.core.urls")),
    path("accounts/", include("tsunagu.accounts.urls")),
    path("audit/", include("tsunagu.audit.urls")),
    path("consultations/", include("tsunagu.intake.urls")),
    path("people/", include("tsunagu.people.urls")),
    path("cases/", include("tsunagu.cases.urls")),
    path("search/", include("tsunagu.search.urls")),
    path("", include("tsunagu.cases.sharing_urls")),
    path("notifications/", include("tsunagu.notifications.urls")),
    path("referrals/", include("tsunagu.referrals.urls")),
    path("meetings/", include("tsunagu.meetings.urls")),
    path("insights/", include("tsunagu.insights.urls")),
    path("outreach/", include("tsunagu.outreach.urls")),
    path("resources/", include("tsunagu.resources.urls")),
    path("participation/", include("tsunagu.participation.urls")),
    path("community/", include("tsunagu.community.urls")),
    path("public/", include("tsunagu.community.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/hsds/", include("tsunagu.resources.hsds_urls")),
    # The administration site signs in through our page (second factor, lockout, audit).
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]

handler500 = "tsunagu.core.views.server_error"
