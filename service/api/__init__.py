"""HTTP API: blueprints whose handlers parse the request, call the service and shape JSON."""
