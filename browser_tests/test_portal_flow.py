"""A client contact uses the portal in a real browser: files a request, sees it listed, approves
the proposed execution, confirms the resolution and rates it; the Arabic portal is right-to-left.
Screenshots are saved for people to look at."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait


def wait(browser, condition, seconds=20):
	return WebDriverWait(browser, seconds).until(condition)


def log_in(browser, base_url, fixture_data):
	browser.get(base_url + "/login")
	wait(browser, EC.presence_of_element_located((By.ID, "login_email"))).send_keys(fixture_data["user"])
	browser.find_element(By.ID, "login_password").send_keys(fixture_data["password"])
	browser.find_element(By.CSS_SELECTOR, ".btn-login").click()
	wait(browser, lambda b: "/login" not in b.current_url)


def status_of(browser) -> str:
	return browser.find_element(By.ID, "onyx-status").text.strip()


def test_client_files_a_request_and_sees_it_listed(browser, base_url, fixture_data, screenshots):
	log_in(browser, base_url, fixture_data)
	browser.get(base_url + "/support/new")
	form = wait(browser, EC.presence_of_element_located((By.ID, "onyx-new-request")))
	Select(form.find_element(By.NAME, "reason")).select_by_value("Error")
	Select(form.find_element(By.NAME, "priority")).select_by_value("High")
	form.find_element(By.NAME, "subject").send_keys("Browser: the VAT report shows zero")
	form.find_element(By.NAME, "description").send_keys("Since this morning the VAT report is empty.")
	browser.save_screenshot(str(screenshots / "portal_new_request_en.png"))
	form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
	confirmation = wait(browser, EC.visibility_of_element_located((By.ID, "onyx-request-sent")))
	name = confirmation.find_element(By.CLASS_NAME, "onyx-sent-name").text.strip()
	assert name.startswith("SR-")
	browser.save_screenshot(str(screenshots / "portal_request_sent_en.png"))

	browser.get(base_url + "/support/requests")
	assert name in browser.find_element(By.CSS_SELECTOR, "table.onyx-requests").text
	browser.save_screenshot(str(screenshots / "portal_list_en.png"))


def test_client_approves_the_proposed_execution(browser, base_url, fixture_data, screenshots):
	log_in(browser, base_url, fixture_data)
	browser.get(f"{base_url}/support/requests/{fixture_data['awaiting']}")
	approval = wait(browser, EC.presence_of_element_located((By.ID, "onyx-approval")))
	assert "Remote session to rebuild the stock ledger" in approval.text
	browser.save_screenshot(str(screenshots / "portal_approval_en.png"))
	approval.find_element(By.NAME, "note").send_keys("Please call before connecting.")
	approval.find_element(By.ID, "onyx-approve").click()
	wait(browser, lambda b: not b.find_elements(By.ID, "onyx-approval"))
	assert status_of(browser) == "Approved"
	browser.save_screenshot(str(screenshots / "portal_approved_en.png"))


def test_client_confirms_the_resolution_and_rates_it(browser, base_url, fixture_data, screenshots):
	log_in(browser, base_url, fixture_data)
	browser.get(f"{base_url}/support/requests/{fixture_data['resolved']}")
	wait(browser, EC.element_to_be_clickable((By.ID, "onyx-confirm"))).click()
	wait(browser, lambda b: status_of(b) == "Closed")
	stars = browser.find_elements(By.CSS_SELECTOR, ".onyx-stars input[type=radio]")
	browser.execute_script("arguments[0].click();", stars[4])
	browser.find_element(By.CSS_SELECTOR, ".onyx-rating textarea[name=comment]").send_keys(
		"Fast and clear, thank you."
	)
	browser.find_element(By.ID, "onyx-rate").click()
	wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, ".onyx-stars input[value='5']:checked"))
	assert "Fast and clear, thank you." in browser.find_element(
		By.CSS_SELECTOR, ".onyx-rating textarea"
	).get_attribute("value")
	browser.save_screenshot(str(screenshots / "portal_rated_en.png"))


def test_arabic_portal_is_right_to_left(browser, base_url, fixture_data, screenshots):
	log_in(browser, base_url, fixture_data)
	for path, shot in (
		("/support/new?_lang=ar", "portal_new_request_ar.png"),
		("/support?_lang=ar", "portal_home_ar.png"),
	):
		browser.get(base_url + path)
		portal = wait(browser, EC.presence_of_element_located((By.CLASS_NAME, "onyx-portal")))
		assert portal.get_attribute("dir") == "rtl"
		assert browser.execute_script("return getComputedStyle(arguments[0]).direction", portal) == "rtl"
		heading = portal.find_element(By.TAG_NAME, "h1")
		# the heading's text starts at the right-hand edge of the portal in a right-to-left layout
		text_box = browser.execute_script(
			"const r = document.createRange(); r.selectNodeContents(arguments[0]);"
			"const t = r.getBoundingClientRect(), p = arguments[1].getBoundingClientRect();"
			"return [t.left - p.left, p.right - t.right];",
			heading,
			portal,
		)
		assert text_box[1] < 40 < text_box[0], text_box
		browser.save_screenshot(str(screenshots / shot))
	assert "طلب" in browser.page_source  # translated labels, not the English source
