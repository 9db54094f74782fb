from onyx_support.domain.audience import addresses, client_sees, is_known_sender

KNOWN = {"it@client.example", "boss@client.example"}


def test_addresses_are_bare_and_lower_case():
	assert addresses('"IT" <IT@Client.example>, x@y.example') == {"it@client.example", "x@y.example"}
	assert addresses(None) == set()
	assert addresses("not an address") == set()


def test_mail_from_a_known_address_is_the_clients():
	assert is_known_sender("IT Desk <it@client.example>", KNOWN)
	assert client_sees("Received", "it@client.example", None, KNOWN)


def test_mail_from_anyone_else_is_held():
	assert not is_known_sender("attacker@evil.example", KNOWN)
	assert not client_sees("Received", "attacker@evil.example", "it@client.example", KNOWN)


def test_staff_mail_reaches_the_client_only_when_addressed_to_it():
	assert client_sees("Sent", "eng@onyx.example", "boss@client.example", KNOWN)
	assert not client_sees("Sent", "eng@onyx.example", "manager@onyx.example", KNOWN)
	assert not client_sees("Sent", "eng@onyx.example", None, KNOWN)
