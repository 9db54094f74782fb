"""Stored scripts do not run: the payloads seeded by onyx_support/tests/security/browser_seed.py
(portal descriptions and replies, mail from the client and from a stranger, a resolution, public
office fields) are opened in real pages — the client's request pages, the public /presence page
with its map, and the desk's Support Request form with its timeline.

Every payload, if it runs, sets `window.__xss` and calls `alert`. Both are checked: an open
JavaScript dialog (Selenium's alert handling) and the flag; links must not carry `javascript:`."""

import time

import pytest
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

SETTLE_SECONDS = 1.5  # broken images fire onerror a moment after the page has loaded

JAVASCRIPT_LINKS = """
return Array.from(document.querySelectorAll("a[href], area[href], [src], [action], [formaction]"))
	.flatMap((el) => ["href", "src", "action", "formaction"].map((name) => el.getAttribute(name)))
	.filter((value) => value && /^javascript:/i.test(value.replace(/[\\u0000-\\u0020]/g, "")));
"""


def wait(browser, condition, seconds=30, message=""):
	return WebDriverWait(browser, seconds).until(condition, message)


@pytest.fixture(scope="module")
def xss(fixture_data) -> dict:
	if "xss" not in fixture_data:
		pytest.fail("the browser fixture has no stored-script data (tests/browser_setup.prepare)")
	return fixture_data["xss"]


def assert_no_script_ran(browser, where):
	time.sleep(SETTLE_SECONDS)
	try:
		dialog = browser.switch_to.alert
	except NoAlertPresentException:
		dialog = None
	if dialog is not None:
		text = dialog.text
		dialog.dismiss()
		pytest.fail(f"{where}: a JavaScript dialog opened ({text!r}): a stored script ran")
	try:
		ran = browser.execute_script("return window.__xss !== undefined")
		links = browser.execute_script(JAVASCRIPT_LINKS)
	except UnexpectedAlertPresentException as error:
		pytest.fail(f"{where}: a JavaScript dialog opened ({error.alert_text!r}): a stored script ran")
	assert not ran, f"{where}: window.__xss was set: a stored script ran"
	assert not links, f"{where}: javascript: links {links}"


def log_in(browser, base_url, user, password):
	browser.get(base_url + "/login")
	wait(browser, EC.presence_of_element_located((By.ID, "login_email"))).send_keys(user)
	browser.find_element(By.ID, "login_password").send_keys(password)
	browser.find_element(By.CSS_SELECTOR, ".btn-login").click()
	wait(browser, lambda b: "/login" not in b.current_url)


def test_portal_request_pages(browser, base_url, fixture_data, xss, screenshots):
	log_in(browser, base_url, fixture_data["user"], fixture_data["password"])
	for i, name in enumerate(xss["requests"]):
		browser.get(f"{base_url}/support/requests/{name}")
		wait(browser, EC.presence_of_element_located((By.CLASS_NAME, "onyx-description")))
		assert_no_script_ran(browser, f"portal page of {name}")
		if i in (0, 1):  # 0: replies and mail; 1: the resolution
			browser.save_screenshot(str(screenshots / f"xss_portal_request_{i}.png"))
	browser.get(f"{base_url}/support/requests")
	wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, "table.onyx-requests")))
	assert_no_script_ran(browser, "portal list")


def test_portal_visit_release_and_coverage_pages(browser, base_url, fixture_data, xss, screenshots):
	log_in(browser, base_url, fixture_data["user"], fixture_data["password"])
	for path, shot in (
		(f"/support/visits/{xss['visit']}", "xss_portal_visit.png"),
		("/support/visits", None),
		("/support/releases", "xss_portal_releases.png"),
		("/support/coverage", None),
	):
		browser.get(base_url + path)
		wait(browser, lambda b: b.execute_script("return document.readyState") == "complete", message=path)
		assert_no_script_ran(browser, path)
		if shot:
			browser.save_screenshot(str(screenshots / shot))


def test_presence_page_and_its_map(browser, base_url, xss, screenshots):
	browser.get(base_url + "/presence")
	wait(browser, lambda b: b.execute_script("return document.readyState") == "complete", message="page load")
	has_map = browser.execute_script("return !!window.L")
	if has_map:
		wait(
			browser,
			lambda b: (
				b.execute_script(
					"return Array.from(document.querySelectorAll('.leaflet-tooltip'))"
					".filter((t) => t.textContent.includes('_Test XSS Browser Office')).length"
				)
				>= len(xss["offices"])
			),
			message="a map label for every seeded office",
		)
	assert_no_script_ran(browser, "/presence")
	if has_map:
		# the labels are text: the payloads' markup shows as characters, no element is made of it
		made = browser.execute_script(
			"return document.querySelectorAll('.leaflet-tooltip img, .leaflet-tooltip svg,"
			" .leaflet-tooltip script, .leaflet-tooltip a').length"
		)
		assert made == 0, "the map's labels were rendered as HTML"
		labels = " ".join(t.text for t in browser.find_elements(By.CLASS_NAME, "leaflet-tooltip"))
		assert "_Test XSS Browser Office 0" in labels
	cards = browser.find_element(By.CLASS_NAME, "onyx-office-grid").text
	assert "xss-browser-office-0@onyx-test.example" in cards
	browser.save_screenshot(str(screenshots / "xss_presence.png"))
	office = browser.find_elements(By.XPATH, "//h2[contains(., '_Test XSS Browser Office 0')]")
	assert office, "the seeded office is on the page"
	browser.execute_script("arguments[0].scrollIntoView()", office[0])
	browser.save_screenshot(str(screenshots / "xss_presence_office.png"))


def test_desk_form_timeline(browser, base_url, xss, screenshots):
	log_in(browser, base_url, xss["desk_user"], xss["desk_password"])
	for name, shot, timeline in (
		(xss["requests"][0], "xss_desk_replies.png", True),  # portal replies and the client's mail
		(xss["mail_request"], "xss_desk_mail.png", True),  # a stranger's mail
		(xss["engineer_request"], "xss_desk_engineer.png", False),  # the description's text editor
	):
		browser.get(f"{base_url}/app/support-request/{name}")
		wait(
			browser,
			lambda b, name=name, timeline=timeline: b.execute_script(
				"return !!(window.cur_frm && cur_frm.doc && cur_frm.doc.name === arguments[0]"
				" && document.querySelector('.ql-editor')"
				" && (!arguments[1] || document.querySelector('.timeline-message-box')))",
				name,
				timeline,
			),
			message=f"the desk form of {name}",
		)
		assert_no_script_ran(browser, f"desk form of {name}")
		boxes = browser.find_elements(By.CLASS_NAME, "timeline-message-box")
		if boxes:
			browser.execute_script("arguments[0].scrollIntoView()", boxes[0])
		browser.save_screenshot(str(screenshots / shot))


def test_desk_visit_and_release_forms(browser, base_url, xss, screenshots):
	log_in(browser, base_url, xss["desk_user"], xss["desk_password"])
	for doctype, route, name in (
		("Visit Report", "visit-report", xss["visit"]),
		("Software Release", "software-release", xss["release"]),
	):
		browser.get(f"{base_url}/app/{route}/{name}")
		wait(
			browser,
			lambda b, name=name: b.execute_script(
				"return !!(window.cur_frm && cur_frm.doc && cur_frm.doc.name === arguments[0])", name
			),
			message=f"the desk form of {doctype} {name}",
		)
		for tab in browser.find_elements(By.CSS_SELECTOR, ".form-tabs .nav-link"):
			# every tab rendered: tables, text editors, read-only values
			browser.execute_script("arguments[0].click()", tab)
			assert_no_script_ran(browser, f"desk form of {doctype} {name}, tab {tab.text}")
		browser.save_screenshot(str(screenshots / f"xss_desk_{route}.png"))
