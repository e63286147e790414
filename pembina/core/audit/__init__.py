"""Audit trail: automatic, append-only, hash-chained (see docs/architecture.md)."""
