# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

from onyx_support.permissions.rows import ChildRowOfParent


class KnowledgeArticleReason(ChildRowOfParent):
	pass
