"""Tests of the reader page (server-rendered and in a real browser)."""
