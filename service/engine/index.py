"""The Argos package index: listing available pairs, planning installs, downloading packages.

The index is ``<base URL>index.json`` as in argostranslate (the base is ``ARGOS_PACKAGE_INDEX``,
read into ``Settings.package_index``); entries are parsed with argostranslate's
``AvailablePackage``. A pair with no package of its own is planned through English.
"""

from __future__ import annotations

import http.client
import json
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from argostranslate.package import AvailablePackage, argospm_package_name

from service.engine.errors import DownloadFailed, IndexUnreachable, UnknownPair
from service.engine.packages import language_tag, parse_version

PIVOT = "en"
USER_AGENT = "Mixlate"
_CHUNK = 64 * 1024

Progress = Callable[[int, int | None], None]
"""Called with (bytes downloaded so far, total bytes or None when the server does not say)."""


def package_pair(package: AvailablePackage) -> tuple[str, str]:
    """The BCP-47 (source, target) of an index entry."""
    return (language_tag(package.from_code), language_tag(package.to_code))


def package_file_name(package: AvailablePackage) -> str:
    """The file name argostranslate gives a downloaded package (``translate-en_fr.argosmodel``)."""
    return f"{argospm_package_name(package)}.argosmodel"


def _reason(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


class PackageIndex:
    """The packages listed by one index; fetched once, on first use."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.url = self.base_url + "index.json"
        self.timeout = timeout
        self._packages: list[AvailablePackage] | None = None

    def packages(self) -> list[AvailablePackage]:
        """Every translation package in the index; raises IndexUnreachable."""
        if self._packages is None:
            request = urllib.request.Request(self.url, headers={"User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    entries = json.loads(response.read())
            except (OSError, http.client.HTTPException) as exc:
                raise IndexUnreachable(self.url, _reason(exc)) from exc
            except ValueError as exc:
                raise IndexUnreachable(self.url, "the answer is not a JSON index") from exc
            if not isinstance(entries, list):
                raise IndexUnreachable(self.url, "the answer is not a JSON list of packages")
            packages = [AvailablePackage(entry) for entry in entries if isinstance(entry, dict)]
            self._packages = [
                p for p in packages if p.type == "translate" and p.from_code and p.to_code
            ]
        return self._packages

    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) pairs the index has a package for, sorted."""
        return sorted({package_pair(p) for p in self.packages()})

    def find(self, source: str, target: str) -> AvailablePackage | None:
        """The index's package for the pair (the newest if several), or None."""
        pair = (language_tag(source), language_tag(target))
        matches = [p for p in self.packages() if package_pair(p) == pair]
        return max(matches, key=lambda p: parse_version(p.package_version), default=None)

    def plan_install(self, source: str, target: str) -> list[AvailablePackage]:
        """The packages that translate source → target: the direct one, else two via English."""
        source, target = language_tag(source), language_tag(target)
        direct = self.find(source, target)
        if direct is not None:
            return [direct]
        if PIVOT not in (source, target):
            first, second = self.find(source, PIVOT), self.find(PIVOT, target)
            if first is not None and second is not None:
                return [first, second]
        raise UnknownPair(source, target)


def download(
    package: AvailablePackage, dest_dir: Path, progress: Progress | None = None, timeout: float = 60
) -> Path:
    """Download ``package`` into ``dest_dir``, trying its links in turn; returns the file.

    A failed download leaves no file behind and raises DownloadFailed naming the links tried.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / package_file_name(package)
    failures = []
    for link in package.links:
        handle, partial = tempfile.mkstemp(prefix=".download-", dir=dest_dir)
        try:
            with os.fdopen(handle, "wb") as out:
                _fetch(link, out, progress, timeout)
            os.replace(partial, target)
            return target
        except (OSError, ValueError, http.client.HTTPException) as exc:
            failures.append(f"{link}: {_reason(exc)}")
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    tried = "; ".join(failures) or "the index gives no link"
    raise DownloadFailed(f"download of {package_file_name(package)} failed ({tried})")


def _fetch(url: str, out: BinaryIO, progress: Progress | None, timeout: float) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        if progress:
            progress(0, total)
        while chunk := response.read(_CHUNK):
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
        if total is not None and done != total:
            raise OSError(f"connection closed after {done} of {total} bytes")
