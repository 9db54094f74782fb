"""Stored scripts in knowledge articles do not run: the payloads seeded by
onyx_support/tests/security/browser_seed_knowledge.py (title, summary and content of a public
article and of one for the clients of the browser client's system, written past the editor) are
opened where the portal and the public web show them — /support/help with a search, the article
pages, the suggestions of the new-request form, and /kb with its index. No script runs (no dialog,
no `window.__xss`, no `javascript:` link) and the markup shows as text."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from test_xss import assert_no_script_ran, log_in, wait

SCRIPT_TAG = "<script>window.__xss=1;alert(1)</script>"
IMAGE_TAG = "<img src=x onerror=window.__xss=1;alert(1)>"


@pytest.fixture(scope="module")
def knowledge(fixture_data) -> dict:
	data = fixture_data.get("xss", {}).get("knowledge")
	if not data:
		pytest.fail("the browser fixture has no knowledge articles (tests/browser_setup.prepare)")
	return data


def loaded(browser, base_url, path):
	browser.get(base_url + path)
	wait(browser, lambda b: b.execute_script("return document.readyState") == "complete", message=path)


def assert_title_as_text(browser, selector, where):
	titles = [element.text for element in browser.find_elements(By.CSS_SELECTOR, selector)]
	assert any(IMAGE_TAG in title and SCRIPT_TAG in title for title in titles), f"{where}: {titles}"


def assert_article_image_shows(browser, knowledge, where):
	"""The article's private image (saved private by the editor) is loaded for this reader."""
	selector = f'.onyx-article-content img[alt="{knowledge["image_alt"]}"]'
	image = browser.find_element(By.CSS_SELECTOR, selector)
	wait(
		browser,
		lambda b: b.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 4,
		message=f"{where}: the article's image is not shown ({image.get_attribute('src')})",
	)
	assert "/private/files/" not in image.get_attribute("src"), where


def test_public_pages(browser, base_url, knowledge, screenshots):
	loaded(browser, base_url, "/" + knowledge["route"])
	assert_no_script_ran(browser, "/kb/<slug>")
	assert_title_as_text(browser, "h1.onyx-article-title", "/kb/<slug>")
	summary = browser.find_element(By.CLASS_NAME, "onyx-article-summary").text
	assert SCRIPT_TAG in summary, summary
	assert_article_image_shows(browser, knowledge, "/kb/<slug> as a guest")
	browser.save_screenshot(str(screenshots / "xss_kb_article.png"))
	loaded(browser, base_url, f"/kb?q={knowledge['word']}")
	assert_no_script_ran(browser, "/kb")
	assert_title_as_text(browser, "a.onyx-help-title", "/kb")
	loaded(browser, base_url, f"/support/help?q={knowledge['word']}")  # as a guest
	assert_no_script_ran(browser, "/support/help as a guest")
	assert_title_as_text(browser, "a.onyx-help-title", "/support/help as a guest")


def test_portal_help_pages(browser, base_url, fixture_data, knowledge, screenshots):
	log_in(browser, base_url, fixture_data["user"], fixture_data["password"])
	loaded(browser, base_url, f"/support/help?q={knowledge['word']}")
	assert_no_script_ran(browser, "/support/help")
	listed = {e.get_attribute("data-article") for e in browser.find_elements(By.CLASS_NAME, "onyx-help-item")}
	assert listed == set(knowledge["articles"].values()), listed
	assert_title_as_text(browser, "a.onyx-help-title", "/support/help")
	browser.save_screenshot(str(screenshots / "xss_portal_help.png"))
	for key, name in knowledge["articles"].items():
		loaded(browser, base_url, f"/support/help/{name}?from=new")
		assert_no_script_ran(browser, f"/support/help/{name}")
		assert_title_as_text(browser, "h1.onyx-article-title", f"article {key}")
		assert browser.find_elements(By.ID, "onyx-article-solved"), "the 'solved' button from the form"
		assert_article_image_shows(browser, knowledge, f"article {key} on the portal")
		if key == "clients":
			browser.save_screenshot(str(screenshots / "xss_portal_help_article.png"))


def test_suggestions_on_the_new_request_form(browser, base_url, fixture_data, knowledge, screenshots):
	log_in(browser, base_url, fixture_data["user"], fixture_data["password"])
	loaded(browser, base_url, "/support/new")
	browser.find_element(By.NAME, "subject").send_keys(knowledge["word"])
	wait(
		browser,
		EC.visibility_of_element_located((By.CSS_SELECTOR, "#onyx-suggestions .onyx-suggestion")),
		message="suggestions for the typed subject",
	)
	assert_no_script_ran(browser, "suggestions")
	suggested = {
		e.get_attribute("data-article") for e in browser.find_elements(By.CSS_SELECTOR, ".onyx-suggestion")
	}
	assert set(knowledge["articles"].values()) <= suggested, suggested
	assert_title_as_text(browser, ".onyx-suggestion-title", "suggestions")
	summaries = " ".join(e.text for e in browser.find_elements(By.CLASS_NAME, "onyx-suggestion-summary"))
	assert SCRIPT_TAG in summaries, summaries
	made = browser.execute_script(
		"return document.querySelectorAll('#onyx-suggestions img, #onyx-suggestions svg,"
		" #onyx-suggestions script').length"
	)
	assert made == 0, "a suggestion was rendered as HTML"
	browser.save_screenshot(str(screenshots / "xss_new_request_suggestions.png"))
	# "This solved my problem": the form is put away, nothing is filed
	browser.find_element(By.CSS_SELECTOR, ".onyx-suggestion .onyx-suggestion-solved").click()
	wait(browser, EC.visibility_of_element_located((By.ID, "onyx-request-deflected")), message="deflected")
	assert not browser.find_element(By.ID, "onyx-new-request").is_displayed()
	assert not browser.find_element(By.ID, "onyx-request-sent").is_displayed()
	assert_no_script_ran(browser, "after 'solved'")
