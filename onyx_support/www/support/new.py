import frappe
from frappe import _

from onyx_support.api.portal import ALLOWED_EXTENSIONS, MAX_FILE_BYTES, MAX_FILES
from onyx_support.services.portal import installations, prepare_page


def get_context(context):
	prepare_page(context, _("New support request"), "new")
	context.installations = installations()
	context.reasons = [
		("Error", _("Something does not work (an error)")),
		("Guidance", _("I need guidance on using the system")),
		("Feature Adaptation", _("Adapt a feature to our needs with an engineer")),
		("Update Delivery", _("Deliver an update or a new version")),
	]
	context.priorities = [
		("Low", _("Low", context="Support Request")),
		("Medium", _("Medium", context="Support Request")),
		("High", _("High", context="Support Request")),
		("Urgent", _("Urgent", context="Support Request")),
	]
	context.means = [
		("", _("No preference")),
		("Phone / Internet", _("Phone or internet")),
		("Remote Session", _("Remote session (TeamViewer)")),
		("On-site", _("Engineer at our office")),
	]
	context.accept = ",".join(sorted(ALLOWED_EXTENSIONS))
	context.max_mb = MAX_FILE_BYTES // (1024 * 1024)
	context.max_files = MAX_FILES
	# One key per form shown: a retry of the same form (a lost answer) files nothing twice.
	context.submission_key = frappe.generate_hash(length=24)
	return context
