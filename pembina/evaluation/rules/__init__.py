"""Pure, data-driven regulation logic of the evaluation app (no database)."""
