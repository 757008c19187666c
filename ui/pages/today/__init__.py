"""今日 page: a few counts to start the day."""
