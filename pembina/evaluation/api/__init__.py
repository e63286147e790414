"""REST API of the evaluation app under /api/v1/evaluation/."""
