"""What the API and the pages share about HTTP: the error table, OpenAPI, request parsing.

``api`` and ``web`` both build on this package and never on each other.
"""
