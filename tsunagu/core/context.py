"""What the current request is (its id and the client address), for audit rows written deep
inside services without passing the request through every call."""

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    request_id: str = ""
    ip_address: str | None = None


_current: contextvars.ContextVar[RequestMeta] = contextvars.ContextVar(
    "tsunagu_request_meta",
    default=RequestMeta(),  # noqa: B039 - frozen dataclass
)


def current_request_meta() -> RequestMeta:
    return _current.get()


def set_request_meta(meta: RequestMeta) -> contextvars.Token[RequestMeta]:
    return _current.set(meta)


def reset_request_meta(token: contextvars.Token[RequestMeta]) -> None:
    _current.reset(token)
