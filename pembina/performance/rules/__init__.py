"""Pure rules of the performance app: no database, no Django models; property-tested."""
