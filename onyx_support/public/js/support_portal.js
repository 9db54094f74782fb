// The client portal's forms: post to the whitelisted method named by data-method, with the
// CSRF token, files included; show Frappe's (translated) error message when refused.
(function () {
	function show(form, text, isError) {
		const box = form.querySelector(".onyx-form-message") || form.parentElement.querySelector(".onyx-form-message");
		if (!box) return;
		box.hidden = false;
		box.textContent = text;
		box.classList.toggle("text-danger", !!isError);
	}

	function serverMessage(data) {
		try {
			const messages = JSON.parse(data._server_messages || "[]").map((m) => JSON.parse(m).message);
			if (messages.length) return messages.join(" ").replace(/<[^>]*>/g, "");
		} catch (e) {
			/* fall through */
		}
		return data.exception || data.message || "";
	}

	document.querySelectorAll("form.onyx-form").forEach((form) => {
		form.addEventListener("submit", async (event) => {
			event.preventDefault();
			const body = new FormData(form);
			if (event.submitter && event.submitter.name) body.set(event.submitter.name, event.submitter.value);
			form.querySelectorAll("button").forEach((b) => (b.disabled = true));
			let data = {};
			let response;
			try {
				response = await fetch("/api/method/" + form.dataset.method, {
					method: "POST",
					headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
					body,
				});
				data = await response.json().catch(() => ({}));
			} finally {
				form.querySelectorAll("button").forEach((b) => (b.disabled = false));
			}
			if (!response || !response.ok) {
				show(form, serverMessage(data) || __("Something went wrong. Please try again."), true);
				return;
			}
			if (form.id === "onyx-new-request") {
				const sent = document.getElementById("onyx-request-sent");
				form.hidden = true;
				sent.hidden = false;
				sent.querySelector(".onyx-sent-name").textContent = data.message.name;
				sent.querySelector(".onyx-sent-link").href = "/support/requests/" + data.message.name;
				sent.querySelector(".onyx-outside-hours").hidden = data.message.office_open !== false;
				return;
			}
			window.location.reload();
		});
	});
})();
