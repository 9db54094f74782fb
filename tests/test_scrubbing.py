"""A client's data taken out of a request's text before it becomes a knowledge article: hand-made
text, the expected result written out."""

from onyx_support.domain.scrubbing import LABELS, ClientData, scrub_html, scrub_text

ADEN = ClientData(
	customer=("CUST-00042", "Aden Port Trading"),
	contacts=("Aisha Saleh", "Omar Al-Amoudi"),
	installations=("CI-00007", "Aden Port Trading – OnyxPro ERP"),
	remote_ids=("123 456 789",),
	emails=("it@adenport.example",),
	phones=("+967 2 123 456",),
	secrets=("s3cr3t-Remote-Pa55",),
)


def test_the_customer_its_people_and_its_installation_are_left_out():
	text = (
		"Aisha Saleh of Aden Port Trading (CUST-00042) reports that installation CI-00007 "
		"(Aden Port Trading – OnyxPro ERP) cannot post. Omar confirmed; aisha will test."
	)
	assert scrub_text(text, ADEN) == (
		"[contact] of [client] ([client]) reports that installation [installation] "
		"([installation]) cannot post. [contact] confirmed; [contact] will test."
	)


def test_addresses_and_phone_numbers_are_left_out_known_or_not():
	text = (
		"Write to it@adenport.example or a.saleh@gmail.com, call +967 2 123 456, "
		"00967-777-123-456 or (02) 234 5678."
	)
	assert scrub_text(text, ADEN) == ("Write to [e-mail] or [e-mail], call [phone], [phone] or [phone].")


def test_dates_versions_times_and_amounts_stay():
	text = "On 2026-11-29 at 10:30, version 15.10.1 posted 1250 entries; ticket SR-2026-00012."
	assert scrub_text(text, ADEN) == text


def test_remote_access_ids_and_secrets_are_left_out():
	text = (
		"Connected by TeamViewer ID: 987 654 321 (the known one is 123456789), "
		"password: hunter2!, also s3cr3t-Remote-Pa55. AnyDesk 111-222-333."
	)
	assert scrub_text(text, ADEN) == (
		"Connected by TeamViewer ID: [remote access ID] (the known one is [remote access ID]), "
		"password: [secret], also [secret]. AnyDesk [remote access ID]."
	)


def test_links_with_credentials_or_tokens_are_left_out_others_stay():
	text = (
		"Backup at ftp://admin:Adm1n@files.adenport.example/db.zip and "
		"https://erp.adenport.example/api?token=abc123&x=1; docs at https://docs.onyxpro.example/guide."
	)
	assert scrub_text(text, ADEN) == (
		"Backup at [link] and [link]; docs at https://docs.onyxpro.example/guide."
	)


def test_french_and_arabic_text():
	client = ClientData(customer=("Société Générale d'Import",), contacts=("عائشة صالح",))
	assert scrub_text("La Société Générale d'Import, mot de passe : Xy9z", client) == (
		"La [client], mot de passe : [secret]"
	)
	assert scrub_text("اتصلت عائشة صالح، كلمة المرور: 1234abcd، الهاتف ٧٧٧١٢٣٤٥٦", client) == (
		"اتصلت [contact]، كلمة المرور: [secret]، الهاتف [phone]"
	)


def test_html_is_scrubbed_in_its_text_and_attributes_tags_kept():
	value = (
		'<p>Call <a href="mailto:it@adenport.example">Aisha Saleh</a> &amp; '
		'<strong>Aden Port Trading</strong></p><img src="/files/x.png" alt="CI-00007">'
	)
	assert scrub_html(value, ADEN) == (
		'<p>Call <a href="mailto:[e-mail]">[contact]</a> &amp; '
		'<strong>[client]</strong></p><img src="/files/x.png" alt="[installation]">'
	)


def test_a_name_like_a_tag_does_not_break_the_markup():
	assert scrub_html("<strong>Strong</strong> <p>ok</p>", ClientData(customer=("Strong",))) == (
		"<strong>[client]</strong> <p>ok</p>"
	)


def test_placeholders_are_the_glues():
	labels = {**LABELS, "client": "[client·fr]"}
	assert scrub_text("Aden Port Trading", ADEN, labels) == "[client·fr]"
	assert scrub_text(None, ADEN) == "" and scrub_html("", ADEN) == ""
