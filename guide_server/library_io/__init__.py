"""The library in bulk: scripts from and to ``.xlsx``/``.csv``, materials from a folder.

The CLI (``import-scripts``, ``export-scripts``, ``import-materials``) and the admin
route ``POST /api/v1/admin/library/scripts/import`` share these functions: every
row is checked before anything is written, and a file with any problem writes
nothing and answers an :class:`~guide_core.library_api.ImportReport` naming each
problem by row and column.
"""
