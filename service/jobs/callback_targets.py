"""Where a job callback may be sent: public addresses only, unless the site allows more.

A ``callback_url`` makes the server POST to an address a client chose, so a client could aim
it at the server's own neighbourhood (loopback, private networks, link-local addresses such
as the cloud metadata service 169.254.169.254). ``CallbackPolicy.problem`` refuses a URL
whose host is, or resolves to, any address that is not globally routable, unless
``allow_private`` is set (``MIXLATE_CALLBACK_ALLOW_PRIVATE``) or the host or address is on
the allow-list (``MIXLATE_CALLBACK_ALLOW_HOSTS``: host names, addresses or networks in CIDR
form). The check runs when the job is created and again at each delivery, which then
connects to the very address it checked, so a name re-pointed meanwhile (DNS rebinding)
cannot reach an internal address.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolve = Callable[[str, int], list[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (raises OSError when it does not)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def _address(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _public(address: IPAddress) -> bool:
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Target:
    """A checked callback destination: the URL's host and port, and the address to use."""

    host: str
    port: int
    address: str
    https: bool


@dataclass(frozen=True)
class CallbackPolicy:
    """Which callback destinations are allowed (see the module docstring)."""

    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()
    resolve: Resolve = resolve_host

    def _allowed(self, host: str, address: IPAddress) -> bool:
        if self.allow_private or _public(address):
            return True
        for entry in self.allow_hosts:
            if entry.lower() == host.lower():
                return True
            try:
                if address in ipaddress.ip_network(entry, strict=False):
                    return True
            except ValueError:
                continue
        return False

    def target(self, url: str) -> Target:
        """The address to deliver ``url`` to; raises RefusedCallback saying why not."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise RefusedCallback("has an invalid port") from exc
        literal = _address(host)
        if literal is not None:
            addresses: Sequence[str] = [host]
        else:
            try:
                addresses = self.resolve(host, port)
            except (OSError, UnicodeError) as exc:
                raise RefusedCallback(f"names a host that does not resolve ({host})") from exc
        checked = [(text, _address(text)) for text in addresses]
        refused = [text for text, address in checked if address is None]
        refused += [text for text, a in checked if a is not None and not self._allowed(host, a)]
        if refused or not checked:
            raise RefusedCallback(
                f"points to an internal address ({', '.join(refused) or host}); the server "
                "only calls public addresses unless MIXLATE_CALLBACK_ALLOW_PRIVATE or "
                "MIXLATE_CALLBACK_ALLOW_HOSTS allows it"
            )
        return Target(host, port, checked[0][0], parts.scheme == "https")

    def problem(self, url: str) -> str | None:
        """Why ``url`` may not be called back, or None when it may."""
        try:
            self.target(url)
        except RefusedCallback as exc:
            return exc.reason
        return None


class RefusedCallback(ValueError):
    """A callback URL the policy does not allow; ``reason`` completes "callback_url ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"callback_url {reason}")
        self.reason = reason
