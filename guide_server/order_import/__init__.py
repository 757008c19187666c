"""Importing the sales channels' order exports (issue 12).

:func:`import_orders` is the one entry (command line and admin upload);
:func:`list_unmatched` the unmatched list. Layouts per channel live in
:mod:`guide_server.order_import.formats`.
"""

from guide_server.order_import.engine import BATCH_ORDERS, ImportFailed, import_orders
from guide_server.order_import.report import format_report
from guide_server.order_import.unmatched import list_unmatched

__all__ = ["BATCH_ORDERS", "ImportFailed", "format_report", "import_orders", "list_unmatched"]
