// The signature pad of a visit report on the client portal: plain canvas drawing with pointer
// events (mouse, pen and touch), a "clear" button, and the drawing put into the form's hidden
// `signature` field as a PNG data URL. Loaded before support_portal.js, whose submit handler
// posts the form: an empty pad stops the submission here, before that handler runs.
(function () {
	const form = document.getElementById("onyx-sign-form");
	if (!form) return;
	const canvas = form.querySelector("canvas.onyx-signature-canvas");
	const field = form.querySelector("input[name=signature]");
	const context = canvas.getContext("2d");
	let drawing = false;
	let drawn = false;
	let last = null;

	function fit() {
		// the canvas's pixels follow its displayed size (sharp on high-density screens)
		const ratio = window.devicePixelRatio || 1;
		const box = canvas.getBoundingClientRect();
		canvas.width = Math.round(box.width * ratio);
		canvas.height = Math.round(box.height * ratio);
		context.setTransform(ratio, 0, 0, ratio, 0, 0);
		context.lineWidth = 2.2;
		context.lineCap = "round";
		context.lineJoin = "round";
		context.strokeStyle = "#1f2d3d";
	}

	function point(event) {
		const box = canvas.getBoundingClientRect();
		return { x: event.clientX - box.left, y: event.clientY - box.top };
	}

	function clear() {
		context.save();
		context.setTransform(1, 0, 0, 1, 0, 0);
		context.clearRect(0, 0, canvas.width, canvas.height);
		context.restore();
		drawn = false;
		field.value = "";
		canvas.classList.remove("onyx-signed");
	}

	canvas.addEventListener("pointerdown", (event) => {
		event.preventDefault();
		drawing = true;
		last = point(event);
		if (canvas.setPointerCapture) canvas.setPointerCapture(event.pointerId);
		// a tap leaves a dot
		context.beginPath();
		context.arc(last.x, last.y, context.lineWidth / 2, 0, 2 * Math.PI);
		context.fillStyle = context.strokeStyle;
		context.fill();
		drawn = true;
	});
	canvas.addEventListener("pointermove", (event) => {
		if (!drawing) return;
		event.preventDefault();
		const next = point(event);
		context.beginPath();
		context.moveTo(last.x, last.y);
		context.lineTo(next.x, next.y);
		context.stroke();
		last = next;
	});
	function end() {
		if (!drawing) return;
		drawing = false;
		if (drawn) {
			field.value = canvas.toDataURL("image/png");
			canvas.classList.add("onyx-signed");
			const box = form.querySelector(".onyx-form-message");
			if (box.textContent === canvas.dataset.emptyMessage) box.hidden = true;
		}
	}
	canvas.addEventListener("pointerup", end);
	canvas.addEventListener("pointercancel", end);
	canvas.addEventListener("pointerleave", end);

	document.getElementById("onyx-signature-clear").addEventListener("click", clear);
	form.addEventListener("submit", (event) => {
		if (drawn && field.value) return;
		event.preventDefault();
		event.stopImmediatePropagation();
		const box = form.querySelector(".onyx-form-message");
		box.hidden = false;
		box.textContent = canvas.dataset.emptyMessage;
		box.classList.add("text-danger");
	});
	fit();
	let width = canvas.getBoundingClientRect().width;
	window.addEventListener("resize", () => {
		// resizing a canvas wipes it: only when its width really changed (not on a mobile
		// browser's toolbar hiding), and the client signs again
		const now = canvas.getBoundingClientRect().width;
		if (Math.abs(now - width) < 1) return;
		width = now;
		fit();
		clear();
	});
})();
