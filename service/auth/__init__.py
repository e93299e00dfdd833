"""Bearer tokens with roles (publisher, localizer, admin): creation, listing, checking."""

from service.auth.tokens import ROLES, TokenError, TokenInfo, TokenStore

__all__ = ["ROLES", "TokenError", "TokenInfo", "TokenStore"]
