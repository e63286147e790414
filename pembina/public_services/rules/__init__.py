"""Pure regulation logic of public services: no database, no Django models; property-tested."""
