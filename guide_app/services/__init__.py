"""What the screens call: one service per area, each built as ``Service(cache, user)``.

``customers.CustomerService`` (``customer_query.CustomerQuery``,
``customer_views``, ``customer_duplicates``), ``tags.TagService``,
``users.UserService``, ``orders.OrderService``, ``tasks.TaskService``,
``library.LibraryService`` (``session.library``; ``library_search``,
``library_render``; the older ``content.ScriptService`` / ``MaterialService`` /
``SensitiveWords`` delegate to it), ``library_admin`` and ``remote_customers``
(online, HQ and supervisors), ``profile`` (the guide's QR code). Writes
validate first (``guide_app.domain.errors.ValidationFailed``), then change the
local rows and queue the outbox entry in one transaction
(``guide_app.cache.overlay`` + ``guide_app.cache.outbox``).
"""
