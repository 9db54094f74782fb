// Knowledge articles on the client portal.
// - The new-request form: as the client types the subject (debounced) or picks the installation
//   or reason, ask onyx_support.api.portal.suggest_articles and list up to five articles. Every
//   value is set as text (textContent), never as HTML. "This solved my problem" counts the
//   deflection (article_solved) and the form is put away unsent.
// - The article page (/support/help/<name>?from=new): the same "This solved my problem".
(function () {
	const DEBOUNCE_MS = 400;
	const SHORTEST_QUERY = 3;

	async function post(method, fields) {
		const body = new FormData();
		Object.entries(fields).forEach(([key, value]) => body.set(key, value == null ? "" : value));
		const response = await fetch("/api/method/" + method, {
			method: "POST",
			headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
			body,
		});
		const data = await response.json().catch(() => ({}));
		if (!response.ok) {
			const error = new Error(serverMessage(data));
			error.status = response.status;
			throw error;
		}
		return data.message;
	}

	function serverMessage(data) {
		try {
			const messages = JSON.parse(data._server_messages || "[]").map((m) => JSON.parse(m).message);
			if (messages.length) return messages.join(" ").replace(/<[^>]*>/g, "");
		} catch (e) {
			/* fall through */
		}
		return "";
	}

	function isHelpLink(url) {
		return typeof url === "string" && url.startsWith("/support/help/") && !url.startsWith("//");
	}

	function setupSuggestions() {
		const form = document.getElementById("onyx-new-request");
		const box = document.getElementById("onyx-suggestions");
		if (!form || !box) return;
		const list = box.querySelector(".onyx-suggestion-list");
		const template = document.getElementById("onyx-suggestion-template");
		const message = box.querySelector(".onyx-suggestion-message");
		const deflected = document.getElementById("onyx-request-deflected");
		let timer = null;
		let asked = 0;
		let lastKey = "";

		function fields() {
			return {
				subject: (form.elements.subject.value || "").trim(),
				installation: form.elements.installation ? form.elements.installation.value : "",
				reason: form.elements.reason ? form.elements.reason.value : "",
			};
		}

		function render(rows) {
			list.replaceChildren();
			(rows || []).forEach((row) => {
				const item = template.content.firstElementChild.cloneNode(true);
				const link = item.querySelector(".onyx-suggestion-title");
				link.textContent = row.title || "";
				if (isHelpLink(row.url)) link.href = row.url + "?from=new";
				link.lang = row.language || "";
				link.dir = row.dir === "rtl" ? "rtl" : "ltr";
				const badge = item.querySelector(".onyx-lang-badge");
				if (row.language_name) {
					badge.textContent = row.language_name;
					badge.hidden = false;
				}
				const summary = item.querySelector(".onyx-suggestion-summary");
				summary.textContent = row.summary || "";
				summary.lang = row.language || "";
				summary.dir = link.dir;
				item.dataset.article = row.name || "";
				item.querySelector(".onyx-suggestion-solved").addEventListener("click", () => solved(row.name, item));
				list.appendChild(item);
			});
			box.hidden = !list.children.length;
		}

		async function load() {
			const values = fields();
			const key = JSON.stringify(values);
			if (key === lastKey) return;
			lastKey = key;
			const mine = ++asked;
			message.hidden = true;
			if (values.subject.length < SHORTEST_QUERY) {
				render([]);
				return;
			}
			try {
				const rows = await post(box.dataset.method, values);
				if (mine === asked) render(rows);
			} catch (error) {
				if (mine !== asked) return;
				render([]);
				if (error.message) {
					message.textContent = error.message;
					message.hidden = false;
					box.hidden = false;
				}
			}
		}

		async function solved(article, item) {
			const button = item.querySelector(".onyx-suggestion-solved");
			button.disabled = true;
			try {
				await post(box.dataset.solvedMethod, { article });
			} catch (error) {
				button.disabled = false;
				message.textContent = error.message || "";
				message.hidden = !error.message;
				return;
			}
			form.hidden = true;
			deflected.hidden = false;
			deflected.scrollIntoView({ block: "nearest" });
		}

		function later() {
			clearTimeout(timer);
			timer = setTimeout(load, DEBOUNCE_MS);
		}

		form.elements.subject.addEventListener("input", later);
		["installation", "reason"].forEach((name) => {
			if (form.elements[name]) form.elements[name].addEventListener("change", later);
		});
		if (fields().subject) later(); // a subject the browser filled in again
	}

	function setupArticleSolved() {
		const section = document.getElementById("onyx-article-solved");
		if (!section) return;
		const form = section.querySelector("form");
		const box = form.querySelector(".onyx-form-message");
		form.addEventListener("submit", async (event) => {
			event.preventDefault();
			const button = form.querySelector("button");
			button.disabled = true;
			try {
				await post(form.dataset.method, { article: section.dataset.article });
			} catch (error) {
				button.disabled = false;
				box.textContent = error.message || "";
				box.hidden = !error.message;
				box.classList.add("text-danger");
				return;
			}
			form.hidden = true;
			document.getElementById(form.dataset.done).hidden = false;
		});
	}

	setupSuggestions();
	setupArticleSolved();
})();
