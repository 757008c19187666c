"""Widgets the 话术素材 page, the card's script picker and the quick panel share."""
