"""Human review of translations: articles, and machine suggestions for catalogs.

Application services above the pipeline (they call the translator, which calls nothing
here): ``catalog_suggestions`` fills untranslated catalog entries with machine output marked
fuzzy for a localizer to review (it lived in ``service.catalogs``, which made the catalogs
and the pipeline import each other).

``ArticleReview`` shows, for an article in a locale, every translatable sentence of every
field with its machine output, its current text and its state, and stores a reviewer's
corrections as translation-memory units (origin ``review``). Because reviewed sentences live
in the memory, an edited article keeps them wherever its sentences did not change, and the
stored article translation is remade with them on the next read.
"""

from service.review.service import ArticleReview, ReviewConflict, ReviewView, UnknownSentence

__all__ = ["ArticleReview", "ReviewConflict", "ReviewView", "UnknownSentence"]
