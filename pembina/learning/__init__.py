"""Competency development: dictionary and standards, profiles and gaps, IDPs, training, 20 JP, simulations."""
