"""All tables; importing this package registers every model on ``Base.metadata``."""

from guide_server.models.audit import AuditLog
from guide_server.models.base import Base
from guide_server.models.content import (
    Blob,
    BlobUpload,
    Material,
    Script,
    ScriptGroup,
    SensitiveWord,
)
from guide_server.models.customer_merge import CustomerMerge
from guide_server.models.customers import (
    Customer,
    CustomerHistory,
    CustomerTag,
    FollowUp,
    Tag,
    TagGroup,
)
from guide_server.models.handover import Handover, HandoverGrace
from guide_server.models.library import Favorite, ScriptSuggestion, UsageEvent
from guide_server.models.orders import Order
from guide_server.models.org import AuthToken, LoginThrottle, Region, Store, User
from guide_server.models.settings import ChainSetting
from guide_server.models.sync import AppliedMutation, ScopeCounter, ServerMeta, SyncRow
from guide_server.models.tag_rules import TagRemoval, TagRule
from guide_server.models.tasks import Assignment, ItemCheck, Task, TaskItem
from guide_server.models.today import TodayAction

#: Synced entity name → its table's model.
ENTITY_MODELS = {
    "store": Store,
    "user": User,
    "customer": Customer,
    "tag_group": TagGroup,
    "tag": Tag,
    "customer_tag": CustomerTag,
    "follow_up": FollowUp,
    "script_group": ScriptGroup,
    "script": Script,
    "material": Material,
    "order": Order,
    "task": Task,
    "task_item": TaskItem,
    "assignment": Assignment,
    "item_check": ItemCheck,
    "sensitive_word": SensitiveWord,
    "script_suggestion": ScriptSuggestion,
    "favorite": Favorite,
    "chain_setting": ChainSetting,
    "today_action": TodayAction,
}

__all__ = [
    "ENTITY_MODELS",
    "AppliedMutation",
    "Assignment",
    "AuditLog",
    "AuthToken",
    "Base",
    "Blob",
    "BlobUpload",
    "ChainSetting",
    "Customer",
    "CustomerHistory",
    "CustomerMerge",
    "CustomerTag",
    "Favorite",
    "FollowUp",
    "Handover",
    "HandoverGrace",
    "ItemCheck",
    "LoginThrottle",
    "Material",
    "Order",
    "Region",
    "ScopeCounter",
    "Script",
    "ScriptGroup",
    "ScriptSuggestion",
    "SensitiveWord",
    "ServerMeta",
    "Store",
    "SyncRow",
    "Tag",
    "TagGroup",
    "TagRemoval",
    "TagRule",
    "Task",
    "TaskItem",
    "TodayAction",
    "UsageEvent",
    "User",
]
