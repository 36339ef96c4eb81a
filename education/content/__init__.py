"""Seed content: the first version of the patient pages, before any medical review."""
