"""The server's write path besides sync: what the admin API, the CLI and the loader call.

Each module holds one area's writes (``users``) with its permission rules
(``permissions``); a write and its audit row and its row's new sync version are one
transaction.
"""
