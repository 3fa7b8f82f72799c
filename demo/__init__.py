"""A small counselling-chat backend and widget, to show phigate working end to end."""
