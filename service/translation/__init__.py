"""Translation pipeline: plan, protect, execute, assemble; HTML front end."""
