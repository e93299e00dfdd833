"""Who may call: bearer tokens with roles (publisher, localizer, admin) and API keys."""

from service.auth.api_keys import ApiKeyError, ApiKeyInfo, ApiKeyStore
from service.auth.tokens import ROLES, TokenError, TokenInfo, TokenStore

__all__ = [
    "ROLES",
    "ApiKeyError",
    "ApiKeyInfo",
    "ApiKeyStore",
    "TokenError",
    "TokenInfo",
    "TokenStore",
]
