"""Server-rendered pages of the performance app (SKP, cascade, goals, coaching, notifications)."""
