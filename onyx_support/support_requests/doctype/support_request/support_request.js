// Copyright (c) 2026, OnyxPro and contributors
// For license information, please see license.txt

const SLA_COLORS = { "On Track": "green", "At Risk": "orange", Breached: "red", Met: "green", Paused: "gray" };

frappe.ui.form.on("Support Request", {
	setup(frm) {
		frm.set_query("installation", () => ({
			filters: frm.doc.customer ? { customer: frm.doc.customer, status: "Active" } : {},
		}));
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
	},

	refresh(frm) {
		frm.trigger("show_sla_and_approval");
		if (frm.is_new()) return;
		if (frm.doc.status === "Awaiting Client Approval" && frm.perm[0].write) {
			frm.add_custom_button(__("Record Client's Decision"), () => record_decision(frm));
		}
		if (["Triaged", "In Progress"].includes(frm.doc.status) && frm.perm[0].write) {
			frm.add_custom_button(__("Ask Client Approval"), () => ask_approval(frm), __("Handle"));
			frm.add_custom_button(__("Escalate to Central"), () => escalate(frm), __("Handle"));
		}
		if (!["Closed", "Cancelled"].includes(frm.doc.status) && frappe.model.can_create("Visit Report")) {
			frm.add_custom_button(
				__("Plan a Visit"),
				() =>
					frappe.model.open_mapped_doc({
						method: "onyx_support.api.visits.plan_visit",
						frm: frm,
					}),
				__("Handle")
			);
		}
		frm.trigger("show_knowledge");
	},

	show_knowledge(frm) {
		if (["Resolved", "Closed"].includes(frm.doc.status) && frappe.model.can_create("Knowledge Article")) {
			frm.add_custom_button(__("Draft Article"), () => draft_article(frm), __("Knowledge"));
		}
		if (!frappe.model.can_read("Knowledge Article")) return;
		const shown_for = (frm.__knowledge_token = frappe.utils.get_random(8));
		frappe
			.xcall("onyx_support.api.knowledge.suggest_for_request", { name: frm.doc.name })
			.then((articles) => {
				if (frm.__knowledge_token !== shown_for) return; // a later refresh shows its own
				show_suggestions(frm, articles || []);
			});
	},

	show_sla_and_approval(frm) {
		frm.dashboard.clear_headline();
		const parts = [];
		if (frm.doc.sla_status) {
			const due = frm.doc.first_responded_on ? frm.doc.resolution_due : frm.doc.first_response_due;
			const label = frm.doc.first_responded_on ? __("Resolution due") : __("First response due");
			parts.push(
				`<span class="indicator-pill ${SLA_COLORS[frm.doc.sla_status] || "gray"}">${__(frm.doc.sla_status, null, "Support Request")}</span>` +
					(due && !frm.doc.resolved_on ? ` ${label}: ${frappe.datetime.str_to_user(due)}` : "")
			);
		}
		if (frm.doc.approval_status) {
			const color = { Pending: "orange", Approved: "green", Declined: "red" }[frm.doc.approval_status];
			parts.push(`<span class="indicator-pill ${color}">${__("Client approval")}: ${__(frm.doc.approval_status, null, "Support Request")}</span>`);
		}
		if (frm.doc.status === "Escalated to Central") {
			parts.push(`<span class="indicator-pill red">${__("With central support")}</span>`);
		}
		if (parts.length) frm.dashboard.set_headline_alert(parts.join(" &nbsp; "));
	},
});

// A dialog whose values go to one whitelisted action on this request; the form reloads after.
function action_dialog(frm, { title, fields, label, method }) {
	const d = new frappe.ui.Dialog({
		title,
		fields,
		primary_action_label: label,
		primary_action(values) {
			frappe.xcall(method, { name: frm.doc.name, ...values }).then(() => {
				d.hide();
				frm.reload_doc();
			});
		},
	});
	d.show();
}

function ask_approval(frm) {
	action_dialog(frm, {
		title: __("Ask the client to approve"),
		label: __("Send to Client"),
		method: "onyx_support.api.requests.request_client_approval",
		fields: [
			{ fieldname: "proposed_action", fieldtype: "Small Text", label: __("What Will Be Done"), reqd: 1, default: frm.doc.proposed_action },
			{ fieldname: "proposed_means", fieldtype: "Select", label: __("Means"), options: ["", "Phone / Internet", "Remote Session", "On-site"] },
			{ fieldname: "proposed_schedule", fieldtype: "Datetime", label: __("When") },
		],
	});
}

function record_decision(frm) {
	action_dialog(frm, {
		title: __("Record the client's decision"),
		label: __("Record"),
		method: "onyx_support.api.requests.record_client_decision",
		fields: [
			{ fieldname: "decision", fieldtype: "Select", label: __("Decision"), options: ["Approved", "Declined"], reqd: 1 },
			{
				fieldname: "contact", fieldtype: "Link", options: "Contact", label: __("Given By"), reqd: 1, default: frm.doc.contact,
				get_query: () => ({
					query: "frappe.contacts.doctype.contact.contact.contact_query",
					filters: { link_doctype: "Customer", link_name: frm.doc.customer },
				}),
			},
			{ fieldname: "note", fieldtype: "Small Text", label: __("Client's Note") },
		],
	});
}

function escalate(frm) {
	action_dialog(frm, {
		title: __("Escalate to central support"),
		label: __("Escalate"),
		method: "onyx_support.api.requests.escalate_to_central",
		fields: [
			{
				fieldname: "reason", fieldtype: "Select", label: __("Reason", null, "onyx_support"), reqd: 1,
				options: ["System Error for the Developers", "Large Project", "No Local Specialist"],
			},
			{ fieldname: "note", fieldtype: "Small Text", label: __("Note for Central Support") },
		],
	});
}

// --- knowledge articles: suggested for the request, sent to the client, "this helped" ---------

function show_suggestions(frm, articles) {
	const esc = frappe.utils.escape_html;
	const can_write = frm.perm[0] && frm.perm[0].write;
	const rows = articles.map((a) => {
		const actions = [];
		if (can_write && a.shareable) {
			actions.push(`<button class="btn btn-xs btn-default onyx-kb-send" data-article="${esc(a.name)}">${__("Send to Client")}</button>`);
		}
		if (can_write) {
			actions.push(
				a.helped
					? `<span class="indicator-pill green">${__("Solved this request")}</span>`
					: `<button class="btn btn-xs btn-default onyx-kb-helped" data-article="${esc(a.name)}">${__("This Helped")}</button>`
			);
		}
		return `<div class="onyx-kb-suggestion" style="display:flex;gap:8px;align-items:baseline;margin-bottom:6px">
			<a href="/app/knowledge-article/${encodeURIComponent(a.name)}">${esc(a.title)}</a>
			<span class="text-muted small">${esc(__(a.audience, null, "Knowledge Article"))} · ${esc(__(a.language))}</span>
			<span style="margin-inline-start:auto;display:flex;gap:6px">${actions.join("")}</span>
		</div>`;
	});
	const body = rows.length
		? rows.join("")
		: `<div class="text-muted">${__("No published article matches this request yet.")}</div>`;
	const section = frm.dashboard.add_section(body, __("Suggested Articles"));
	section.find(".onyx-kb-send").on("click", (e) => send_article(frm, $(e.currentTarget).attr("data-article")));
	section.find(".onyx-kb-helped").on("click", (e) => mark_helpful(frm, $(e.currentTarget).attr("data-article")));
	frm.dashboard.show();
}

function send_article(frm, article) {
	frappe.confirm(__("Send this article to the client as a reply on the request?"), () =>
		frappe.xcall("onyx_support.api.knowledge.send_to_client", { name: frm.doc.name, article }).then(() => {
			frappe.show_alert({ message: __("The article is on its way to the client."), indicator: "green" });
			frm.reload_doc();
		})
	);
}

function mark_helpful(frm, article) {
	frappe.xcall("onyx_support.api.knowledge.mark_helpful", { name: frm.doc.name, article }).then(() => frm.reload_doc());
}

function draft_article(frm) {
	frappe.xcall("onyx_support.api.knowledge.draft_article", { name: frm.doc.name }).then((article) => {
		frappe.show_alert({ message: __("Draft article written; the client's data was left out."), indicator: "green" });
		frappe.set_route("Form", "Knowledge Article", article);
	});
}
