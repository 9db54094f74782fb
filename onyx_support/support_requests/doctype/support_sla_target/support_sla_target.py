# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SupportSLATarget(Document):
	pass
