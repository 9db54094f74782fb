from frappe import _

from onyx_support.services.html import json_for_script
from onyx_support.services.presence import countries_without_local_office, public_offices

no_cache = 1  # "open now" changes by the minute, and the language by the visitor


def get_context(context):
	context.title = _("Support presence and contact")
	context.offices = public_offices()
	map_points = [
		{
			"name": office.office_name,
			"kind": _(office.office_kind, context="Support Office"),
			"city": office.city or "",
			"lat": office.latitude,
			"lng": office.longitude,
		}
		for office in context.offices
		if office.latitude or office.longitude
	]
	# Written into a <script>: encoded so that an office's name cannot end the element. The map's
	# labels are set as text by the page's script, never as HTML.
	context.map_points_json = json_for_script(map_points)
	central = next((office for office in context.offices if office.get("also_serves") is not None), None)
	context.no_local_office = central.also_serves if central else countries_without_local_office()
	context.metatags = {
		"title": context.title,
		"description": _("Where OnyxPro support is, and how to reach it"),
	}
	return context
