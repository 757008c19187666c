"""Client-side rules and helpers (the shared ones are in ``guide_core``).

``labels`` (Chinese labels of enum codes), ``script_vars``
(``{称呼}`` …), ``sensitive`` (sensitive-word check), ``permissions`` (the
server's write rules mirrored for the UI), ``validation`` and ``errors``.
"""
