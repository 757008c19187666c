"""Entities, enums and rules shared by the client screens and the server.

``phone`` (normalise, validate, mask), ``lifecycle`` (stage 新客/活跃/沉睡/流失 in
Python and SQL), ``labels`` (Chinese labels of enum codes), ``script_vars``
(``{称呼}`` …), ``sensitive`` (sensitive-word check), ``permissions`` (the
server's write rules mirrored for the UI), ``validation`` and ``errors``.
"""
