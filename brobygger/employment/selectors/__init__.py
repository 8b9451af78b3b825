"""Reads for the employment app, split by area: profiles, positions, employments."""
