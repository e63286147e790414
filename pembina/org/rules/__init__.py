"""Pure regulation rules of the org app (no database): NIP, ranks."""
