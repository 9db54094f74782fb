"""The browser tier: headless Chromium (Debian's chromium + chromium-driver) against the test
site served on loopback by scripts/test. It needs ONYX_BASE_URL and ONYX_BROWSER_FIXTURE."""

import json
import os
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROME_FLAGS = (
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--window-size=1280,1400",
)


@pytest.fixture(scope="session")
def base_url() -> str:
	return os.environ["ONYX_BASE_URL"].rstrip("/")


@pytest.fixture(scope="session")
def fixture_data() -> dict:
	return json.loads(os.environ["ONYX_BROWSER_FIXTURE"])


@pytest.fixture(scope="session")
def screenshots() -> Path:
	folder = Path(
		os.environ.get("ONYX_SCREENSHOTS", Path(__file__).resolve().parents[1] / ".artifacts" / "screenshots")
	)
	folder.mkdir(parents=True, exist_ok=True)
	return folder


@pytest.fixture()
def browser(tmp_path):
	options = Options()
	for flag in CHROME_FLAGS:
		options.add_argument(flag)
	options.add_argument(f"--user-data-dir={tmp_path / 'chromium'}")
	options.binary_location = os.environ.get("ONYX_CHROMIUM", "/usr/bin/chromium")
	driver = webdriver.Chrome(
		service=Service(os.environ.get("ONYX_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options
	)
	driver.implicitly_wait(2)
	yield driver
	driver.quit()
