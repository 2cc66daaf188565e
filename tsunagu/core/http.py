"""Types for requests as our middleware leaves them."""

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile
    from django.http import FileResponse


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware: `request.htmx` is truthy for htmx calls."""

    htmx: HtmxDetails


def is_verified(user: object) -> bool:
    """Whether this session passed a second factor (django-otp adds `is_verified`)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def download(stored: "FieldFile", name: str) -> "FileResponse":
    """A stored file as a download named `name` (with the stored file's extension): never the
    name it was uploaded with, which often names the person (山田太郎_診断書.pdf). A file gone
    from the disk answers 404, not a server error."""
    from pathlib import PurePath

    from django.http import FileResponse, Http404

    suffix = PurePath(stored.name or "").suffix.lower()[:10]
    safe = "".join(c for c in name if c not in '\\/:*?"<>|\r\n\t').strip() or "download"
    try:
        handle = stored.open("rb")
    except OSError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=f"{safe[:80]}{suffix}")
