"""HTTP layer: routes per area, dependencies, error handlers, middleware."""
