"""URL map: the API under /api/v1/, server-rendered pages, and the React app for the rest."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from metskin.accounts.views import admin_sign_in
from metskin.core import outbox_views
from metskin.core import views as core_views
from metskin.education.feeds import LatestArticlesFeed
from metskin.education.sitemaps import SITEMAPS
from metskin.privacy import views as privacy_views

api_v1 = [
    path("", include("metskin.accounts.urls")),
    path("", include("metskin.uploads.urls")),
    path("", include("metskin.analysis.urls")),
    path("", include("metskin.catalog.urls")),
    path("", include("metskin.recommendations.urls")),
    path("", include("metskin.doctors.urls")),
    path("", include("metskin.appointments.urls")),
    path("", include("metskin.notifications.urls")),
    path("", include("metskin.education.urls")),
    path("", include("metskin.privacy.urls")),
]

urlpatterns = [
    # Staff sign in through the site's two-step sign-in, then the admin opens (django-otp).
    path("admin/login/", admin_sign_in, name="admin-sign-in"),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI: its start-up script from a URL of its own (the split view), and, on this page
    # only, the inline <style> of drf-spectacular's template (no inline script anywhere).
    path(
        "api/docs/",
        csp_update({"style-src": [UNSAFE_INLINE]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="swagger-ui",
    ),
    path("api/v1/", include(api_v1)),
    path("learn/", include("metskin.education.web_urls")),
    path("privacy", privacy_views.privacy_notice, name="privacy-notice"),
    path("terms", privacy_views.terms, name="terms"),
    # The development outbox; 404 unless local settings turned it on (DEVELOPMENT_TOOLS).
    path("dev/outbox/", outbox_views.outbox_index, name="dev-outbox"),
    path("dev/outbox/<str:name>/", outbox_views.outbox_mail, name="dev-outbox-mail"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feed.xml", LatestArticlesFeed(), name="feed"),
    # Everything else is a page of the React app, whose router shows its own "not found".
    re_path(r"^(?!api/|admin/|static/|learn(?:/|$)|healthz)", core_views.spa, name="spa"),
]

handler400 = "metskin.core.views.bad_request"
handler403 = "metskin.core.views.permission_denied"
handler404 = "metskin.core.views.not_found"
handler500 = "metskin.core.views.server_error"
