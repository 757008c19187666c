"""Pages of the left navigation other than 客户."""
