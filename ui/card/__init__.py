"""The customer card: profile, tags by group, follow-ups, recent orders."""
