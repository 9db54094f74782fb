"""A client contact signs a visit report on the portal in a real browser: the report awaiting its
signature is highlighted in /support/visits, the signature is drawn with the mouse on the page's
canvas, and the report then shows it signed. The Arabic pages are right-to-left. Screenshots are
saved for people to look at."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def wait(browser, condition, seconds=20):
	return WebDriverWait(browser, seconds).until(condition)


def log_in(browser, base_url, fixture_data):
	browser.get(base_url + "/login")
	wait(browser, EC.presence_of_element_located((By.ID, "login_email"))).send_keys(fixture_data["user"])
	browser.find_element(By.ID, "login_password").send_keys(fixture_data["password"])
	browser.find_element(By.CSS_SELECTOR, ".btn-login").click()
	wait(browser, lambda b: "/login" not in b.current_url)


def draw_signature(browser, canvas):
	"""A few strokes across the pad, as a hand would (offsets from the canvas's centre)."""
	actions = ActionChains(browser)
	actions.move_to_element_with_offset(canvas, -180, 20).click_and_hold()
	for dx, dy in ((30, -40), (25, 50), (30, -45), (25, 40), (40, -30), (35, 25), (45, -10)):
		actions.move_by_offset(dx, dy)
	actions.release()
	actions.move_to_element_with_offset(canvas, 60, 40).click_and_hold().move_by_offset(120, -6).release()
	actions.perform()


def test_client_signs_a_visit_report(browser, base_url, fixture_data, screenshots):
	visit = fixture_data["visit"]
	log_in(browser, base_url, fixture_data)

	# Arabic first: the list and the signing page, right to left
	for path, shot in (
		("/support/visits?_lang=ar", "portal_visits_ar.png"),
		(f"/support/visits/{visit}?_lang=ar", "portal_visit_sign_ar.png"),
	):
		browser.get(base_url + path)
		portal = wait(browser, EC.presence_of_element_located((By.CLASS_NAME, "onyx-portal")))
		assert portal.get_attribute("dir") == "rtl"
		assert browser.execute_script("return getComputedStyle(arguments[0]).direction", portal) == "rtl"
		browser.save_screenshot(str(screenshots / shot))
	assert "تقرير الزيارة" in browser.page_source  # our Arabic, not the English source
	browser.execute_script(
		"arguments[0].scrollIntoView({block: 'center'});", browser.find_element(By.ID, "onyx-sign-form")
	)
	browser.save_screenshot(str(screenshots / "portal_visit_sign_form_ar.png"))

	browser.get(base_url + "/support/visits")
	row = wait(
		browser, EC.presence_of_element_located((By.CSS_SELECTOR, "table.onyx-visits tr.onyx-to-sign"))
	)
	assert visit in row.text
	assert "Awaiting Signature" in row.text
	browser.save_screenshot(str(screenshots / "portal_visits_en.png"))

	row.find_element(By.LINK_TEXT, visit).click()
	form = wait(browser, EC.presence_of_element_located((By.ID, "onyx-sign-form")))
	assert "Rebuilt the stock ledger index" in browser.page_source
	canvas = form.find_element(By.ID, "onyx-signature-canvas")
	browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", canvas)

	# an empty pad is not sent
	form.find_element(By.ID, "onyx-sign-submit").click()
	message = wait(
		browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "#onyx-sign-form .onyx-form-message"))
	)
	assert "Draw your signature" in message.text

	# drawn, cleared, drawn again
	draw_signature(browser, canvas)
	signature = form.find_element(By.NAME, "signature")
	assert signature.get_attribute("value").startswith("data:image/png;base64,")
	form.find_element(By.ID, "onyx-signature-clear").click()
	assert signature.get_attribute("value") == ""
	draw_signature(browser, canvas)
	assert len(signature.get_attribute("value")) > 1000  # strokes, not a blank image

	name = form.find_element(By.NAME, "signer_name")
	name.clear()
	name.send_keys("Basma Al-Hakimi")
	form.find_element(By.NAME, "signer_role").send_keys("Chief accountant")
	browser.save_screenshot(str(screenshots / "portal_visit_sign_en.png"))
	form.find_element(By.ID, "onyx-sign-submit").click()

	wait(browser, lambda b: not b.find_elements(By.ID, "onyx-sign-form"))
	signed = browser.find_element(By.ID, "onyx-client-signature").text
	assert "Signed by Basma Al-Hakimi" in signed and "Chief accountant" in signed
	assert browser.find_elements(By.ID, "onyx-visit-pdf")
	browser.save_screenshot(str(screenshots / "portal_visit_signed_en.png"))
