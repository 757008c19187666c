"""Pages of the left navigation, one folder per page."""
