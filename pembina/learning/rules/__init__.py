"""Pure rules of competency development: no database, property-tested."""
