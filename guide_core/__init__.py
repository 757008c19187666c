"""What client and server share, at the bottom of the house: imports neither.

``protocol`` is the wire format (every body that crosses the network, the
entity and mutation shapes, ``validate_fields``); ``phone`` normalises and
masks mainland mobiles; ``duplicates`` is the duplicate-customer rule;
``lifecycle`` the customer stage (新客/活跃/沉睡/流失) in Python and SQL;
``rules`` every business rule of a write (the operation table, the assignment
state machine, tag and visibility rules, rejection codes), which the server
enforces and the app asks for instant feedback.
Both ``guide_app`` (the counter app's core) and ``guide_server`` import from
here; this package imports only the standard library and pydantic.
"""
