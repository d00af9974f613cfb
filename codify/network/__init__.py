"""The adopter network view: the review across sites and the exports."""
