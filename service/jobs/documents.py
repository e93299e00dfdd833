"""``document`` jobs: a large uploaded file translated in the background, with progress.

The job's units are the document's translatable runs (``prepare_document``'s items), so its
progress is runs done out of runs. The worker reads the upload from the database, parses it
again (parsing is deterministic, so the items are the ones counted at upload), translates
the pending runs in batches at bulk priority, storing each batch's full results (segments
too: the write-back needs them), and once all are stored rebuilds the file from them and
puts it in the ``FileStore``. A resumed job translates only the runs not stored yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from service.engine import Priority
from service.jobs.executor import Work
from service.jobs.model import JobUnit
from service.jobs.uploads import JobUploads
from service.translation.documents import DocumentLimits, FileStore, prepare_document
from service.translation.translator import ContentTranslator, ItemResult


class UploadGone(RuntimeError):
    """The job's upload is no longer stored (the job was cancelled, or swept)."""


class IncompleteRuns(RuntimeError):
    """Fewer translated runs are stored than the document has (the job cannot finish)."""


@dataclass(frozen=True, slots=True)
class DocumentJobRequest:
    """A checked upload to translate as a job: ``runs`` is its number of items."""

    filename: str
    data: bytes
    target: str
    source: str | None
    runs: int


class DocumentHandler:
    """Runs ``document`` jobs."""

    def __init__(
        self,
        translator: Callable[[], ContentTranslator],
        uploads: JobUploads,
        units: Callable[[str], list[JobUnit]],
        files: Callable[[], FileStore],
        limits: Callable[[], DocumentLimits],
    ) -> None:
        self._translator = translator
        self._uploads = uploads
        self._units = units
        self._files = files
        self._limits = limits

    def __call__(self, work: Work) -> dict[str, Any] | None:
        job = work.job
        upload = self._uploads.get(job.id)
        if upload is None:
            raise UploadGone("The uploaded file is no longer stored; upload it again")
        translator = self._translator()
        target = translator.resolve_target(job.params["target"])
        source = job.params.get("source")
        prepared = prepare_document(upload.data, upload.filename, target.lang, self._limits())
        items = prepared.items
        work.check()
        for batch in work.batches():
            results = translator.translate(
                [items[position] for position in batch],
                target,
                source,
                keep_unroutable=source is None,
                priority=Priority.BULK,
            )
            work.write({p: asdict(r) for p, r in zip(batch, results, strict=True)})
        results = [ItemResult(**unit.result) for unit in self._units(job.id)]
        work.check()  # cancelled meanwhile: no file from a partial set of runs
        if len(results) != len(items):
            raise IncompleteRuns(f"{len(results)} of the document's {len(items)} runs are stored")
        translated = prepared.finish(results, target)
        name = self._files().save(translated.data, translated.filename)
        return {
            "file": name,
            "filename": translated.filename,
            "format": translated.format.name,
            "characters": translated.characters,
        }
