"""The member import (会员导入): ``guide-server import-members FILE`` and
``POST /admin/members/import``. See :mod:`guide_server.member_import.engine`."""

from guide_server.member_import.columns import MappingError
from guide_server.member_import.engine import import_members
from guide_server.member_import.report import format_report

__all__ = ["MappingError", "format_report", "import_members"]
