"""``@requires_role``: writes need ``Authorization: Bearer <token>`` with a suitable role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request

from service.http.errors import ApiError
from service.runtime import current_runtime


def requires_role(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Allow the view only to tokens whose role is one of ``roles`` or ``admin``."""
    allowed = set(roles) | {"admin"}

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise ApiError(401, "Authorization: Bearer <token> is required")
            info = current_runtime().tokens.check(token.strip())
            if info is None:
                raise ApiError(401, "The token is unknown or revoked")
            if info.role not in allowed:
                raise ApiError(
                    403, f"The token's role '{info.role}' may not do this", needs=sorted(allowed)
                )
            g.token = info
            return view(*args, **kwargs)

        return guarded

    return decorate
