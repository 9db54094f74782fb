# Copyright (c) 2026, OnyxPro and contributors
# For license information, please see license.txt

import frappe
from frappe.utils import now_datetime
from frappe.website.website_generator import WebsiteGenerator

from onyx_support.domain import knowledge as rules
from onyx_support.services.knowledge import articles


class KnowledgeArticle(WebsiteGenerator):
	# begin: auto-generated types
	# end: auto-generated types

	website = frappe._dict(condition_field="published_publicly", page_title_field="title")

	def autoname(self):
		"""Named by the DocType's series (KA-00001), not by the title as a WebsiteGenerator would."""

	def onload(self):
		super().onload()
		self.set_onload("can_edit", articles.may_edit(self))

	def validate(self):
		self.set_author()
		self.check_rules()
		self.check_source_request()
		self.check_linked_records()
		self.record_review()
		self.stamp_publication()
		self.set_route()
		self.published_publicly = int(rules.published_publicly(self.status, self.audience))
		self.search_text = articles.search_text_of(self)

	def set_author(self):
		"""The author is whoever creates the article (an action of the app may name another)."""
		if self.is_new() and not (self.flags.via_rule and self.author):
			self.author = frappe.session.user

	def check_rules(self):
		if self.audience != rules.Audience.OFFICE.value:
			self.office = None
		articles.check_article(self)

	def check_source_request(self):
		if self.source_request and (self.is_new() or self.has_value_changed("source_request")):
			articles.check_source_request(self)

	def check_linked_records(self):
		"""The original it translates and its brochure: records its writer may read."""
		articles.check_translation_of(self)
		articles.check_brochure(self)

	def record_review(self):
		"""Publishing or sending back is the review: the one who does it is the reviewer."""
		previous = self.get_doc_before_save()
		if not previous or not rules.is_review(previous.status, self.status):
			return
		if not (self.flags.via_rule and self.reviewer):
			self.reviewer = frappe.session.user
		articles.check_review(self)

	def stamp_publication(self):
		previous = self.get_doc_before_save()
		published = rules.ArticleState.PUBLISHED.value
		if self.status == published and (not previous or previous.status != published):
			if not (self.flags.via_rule and self.published_on):
				self.published_on = now_datetime()

	def set_route(self):
		"""`kb/<slug>` from the title, once: the address stays when the title changes."""
		self.route = articles.route_for(self)

	def get_context(self, context):
		from onyx_support.services.knowledge.pages import public_page_context

		return public_page_context(self, context)


def get_list_context(context=None):
	"""Frappe's web list of the DocType (frappe.www.list, open to guests since articles have
	pages) lists what /kb lists: the public articles' public fields."""
	from onyx_support.services.knowledge.pages import public_list

	return {"get_list": public_list}


def on_doctype_update():
	# Lists by state and audience; the FULLTEXT index is the app's (services/knowledge/search.py).
	frappe.db.add_index("Knowledge Article", ["status", "audience"])
	from onyx_support.services.knowledge.search import ensure_fulltext_index

	ensure_fulltext_index()
