"""Django REST Framework and the OpenAPI schema (drf-spectacular)."""

from datetime import timedelta

from config.env import env

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request then gets 401 with WWW-Authenticate, not 403.
        # django-rest-knox: tokens hashed at rest and expiring (docs/adr/0012).
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Signed in, and for dermatologists and staff on a session that passed two-factor: deny by
    # default, so a stale session or token of an account later made a doctor or staff member
    # reads no patient data. Views open to everyone say AllowAny.
    # And a patient writes nothing that processes their health data without consent to the
    # current privacy notice (HealthDataConsent: 403 consent_required; its allow-list says
    # what stays open). A view that sets its own permission_classes must keep it (a test
    # walks every route: metskin/privacy/tests/test_consent_gate.py).
    "DEFAULT_PERMISSION_CLASSES": [
        "metskin.accounts.permissions.TwoFactorIfRequired",
        "metskin.accounts.permissions.HealthDataConsent",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "metskin.core.pagination.DefaultPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "metskin.core.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "metskin.core.exceptions.api_exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # How many proxies in front of the app append to X-Forwarded-For. 0: the header is ignored
    # (anyone can send it); axes reads the client address the same way (accounts/client_ip.py).
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon_auth": "30/min",
        # Reset and verification emails asked for by one client, whatever the addresses.
        "account_emails": "20/hour",
        "uploads": "60/hour",
        "ingredient_check": "60/min",
        # Writes per signed-in person (metskin.core.throttles.WriteScopedRateThrottle): book,
        # move, cancel, accept; join or leave a waitlist; share or unshare an analysis.
        "booking": env.str("THROTTLE_BOOKING", default="30/hour"),
        "waitlist": env.str("THROTTLE_WAITLIST", default="20/hour"),
        "sharing": env.str("THROTTLE_SHARING", default="60/hour"),
        # Texting a phone verification code costs money: a few an hour per person.
        "phone_code": "5/hour",
        "phone_confirm": "20/hour",
        # Building a data export reads every file of the account: a few a day per person.
        "data_export": env.str("THROTTLE_DATA_EXPORT", default="5/day"),
    },
}

REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_TTL_DAYS", default=30)),
    # A fixed lifetime: a stolen token is not kept alive by being used.
    "AUTO_REFRESH": False,
}
# Live tokens one person may hold (one per app or device); a new one retires the oldest.
API_TOKEN_LIMIT_PER_USER = env.int("API_TOKEN_LIMIT_PER_USER", default=10)

SPECTACULAR_SETTINGS = {
    "TITLE": "MetSkin API",
    "DESCRIPTION": (
        "Skin analysis, routines, products and dermatologist booking. Session auth with CSRF "
        "for the MetSkin front end; `Authorization: Token <token>` for API clients "
        "(get one from POST /api/v1/auth/token/; it expires, and MetSkin keeps only its hash; "
        "POST /api/v1/auth/logout/ revokes it). Every 4xx answers "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI's files come from the drf-spectacular-sidecar package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AppointmentStatusEnum": "metskin.appointments.models.AppointmentStatus",
        "WaitlistStatusEnum": "metskin.appointments.models.WaitlistEntry.Status",
        "TimeOffKindEnum": "metskin.doctors.models.AvailabilityException.Kind",
        # analysis and uploads (issue 4)
        "AnalysisStatusEnum": "metskin.analysis.models.AnalysisStatus",
        "MediaKindEnum": "metskin.uploads.models.MediaKind",
        "SourceFormatEnum": "metskin.uploads.models.SourceFormat",
        "SkinlabConcernEnum": "metskin.analysis.serializers.CONCERN_CHOICES",
        # phototype (issue 14)
        "FitzpatrickTypeEnum": "metskin.accounts.fitzpatrick.ROMAN",
    },
}
