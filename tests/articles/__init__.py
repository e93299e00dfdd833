"""Tests of articles: model, storage, localization, API."""
