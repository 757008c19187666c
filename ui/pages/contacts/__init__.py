"""客户 page: the customer list over SQL, its filters and tag chips."""
