"""Installations get their title (client and system) for links, as new ones do on save."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabClient Installation` installation
		left join `tabItem` item on item.name = installation.system
		set installation.installation_title = concat_ws(' – ',
			coalesce(nullif(installation.customer_name, ''), installation.customer),
			coalesce(item.item_name, installation.system))"""
	)
