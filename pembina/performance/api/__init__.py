"""The performance REST API under /api/v1/: SKP planning, workflow, monitoring, coaching, cascade."""
