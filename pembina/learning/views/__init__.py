"""Learning UI: development plans, catalogue and events, certificates, simulations, 20 JP dashboards."""
