"""Ingestion: source files -> cleaned, structured passages. Knows nothing of the store."""
