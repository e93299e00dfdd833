"""Helpers shared by the test suites: offline Argos packages and a loopback package index."""
