"""Server-rendered pages of the org app: employees, the unit tree (imports live in `imports.py`)."""
