from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What an audit row records."""

    VIEW = "view", _("View")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    PRINT = "print", _("Print")
    SEARCH = "search", _("Search")
    LOGIN = "login", _("Login")
    LOGOUT = "logout", _("Logout")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Account locked")
    SESSION_EXPIRED = "session_expired", _("Session expired")
    OTP_FAILED = "otp_failed", _("Wrong second-factor code")
    OTP_ENROLLED = "otp_enrolled", _("Second factor enrolled")
    CSRF_FAILURE = "csrf_failure", _("Rejected form (CSRF)")
    API_AUTH_FAILED = "api_auth_failed", _("Rejected API token")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    ROLE_CONFIRMED = "role_confirmed", _("Role confirmed")
    ROLE_REFUSED = "role_refused", _("Role refused")
    EMERGENCY_ACCESS = "emergency_access", _("Emergency access")
    DISCLOSURE = "disclosure", _("Disclosure")
    AUDIT_VERIFIED = "audit_verified", _("Audit chain verified")
    IMPORT = "import", _("Import")


class LegalBasis(models.TextChoices):
    """法的根拠 of an access: why this read was lawful."""

    OWN_ORGANIZATION = "own_organization", _("Own organization")
    CONSENT = "consent", _("Consent of the person")
    SUPPORT_MEETING = "support_meeting", _("Support meeting (Social Welfare Act art. 106-6)")
    EMERGENCY = "emergency", _("Protection of life or body")
    STATUTE = "statute", _("Statute")
    AUDIT_DUTY = "audit_duty", _("Audit duty")
    ACCOUNT_ADMINISTRATION = "account_administration", _("Account administration")
