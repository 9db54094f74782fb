"""The releases of the client's systems: the published ones, newest first, their notes in the
user's language, where each of the client's installations stands, and asking for an update.

Clients hold no DocPerm: everything is read with named fields, filtered by the caller's customers
(prepare_page / services/portal/releases.py). Five queries whatever the number of releases."""

from frappe import _

from onyx_support.services.portal import prepare_page
from onyx_support.services.portal.releases import list_releases, state_label


def get_context(context):
	customers = prepare_page(context, _("Releases"), "releases")
	context.systems = list_releases(customers)
	context.state_label = state_label
	return context
