"""Frappe's Workflow Action inbox, left out for the support request.

Frappe 15 writes a Workflow Action for each state a document of a workflow enters, naming the roles
of every possible next step (`process_workflow_actions`, a doc_events "*" hook run on every save).
For a support request it cost 14 of the insert's queries (one uncached read per possible next
step, a row per role) and gave nothing the app does not give better:

- the request's inbox is its assignee's ToDo and the office's queue;
- Frappe shows a Workflow Action to every holder of an allowed role, in every office (its
  permission is the role alone), where the app shows a request to its own office only; and it
  names Support Client, whose users have no desk to open it.

Frappe 15 has no setting to leave the inbox out for one DocType (the Workflow DocType has none), so
its hook is wrapped once per process: it returns at once for the DocTypes named here and runs
unchanged for every other. The request's controller installs it when it is imported, that is
before any request is saved.
"""

import frappe.workflow.doctype.workflow_action.workflow_action as workflow_action

WITHOUT_INBOX = frozenset({"Support Request"})


def install() -> None:
	original = workflow_action.process_workflow_actions
	if getattr(original, "onyx_without_inbox", False):
		return

	def process_workflow_actions(doc, state):
		if doc.get("doctype") in WITHOUT_INBOX:
			return None
		return original(doc, state)

	process_workflow_actions.onyx_without_inbox = True
	process_workflow_actions.__doc__ = original.__doc__
	workflow_action.process_workflow_actions = process_workflow_actions
