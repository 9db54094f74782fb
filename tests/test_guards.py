from onyx_support.domain.guards import GUARDED_FIELDS, Guard, refused_changes

GUARDS = {"office": Guard.COMPUTED, "customer": Guard.FIXED, "rating": Guard.CLIENT, "kind": Guard.ADMIN}


def test_an_unchanged_document_passes():
	stored = {"office": "A", "customer": "C", "rating": 0.8, "kind": "Central"}
	assert refused_changes(GUARDS, stored, dict(stored), set()) == []


def test_moving_a_request_to_another_office_is_refused():
	stored = {"office": "Y", "customer": "C"}
	assert refused_changes(GUARDS, stored, {"office": "X", "customer": "C"}, set()) == ["office"]


def test_the_customer_is_given_at_creation_then_fixed():
	assert refused_changes(GUARDS, None, {"customer": "C"}, set()) == []
	assert refused_changes(GUARDS, {"customer": "C"}, {"customer": "D"}, set()) == ["customer"]


def test_computed_and_client_fields_must_be_empty_at_creation():
	assert refused_changes(GUARDS, None, {"office": "X", "rating": 1.0}, set()) == ["office", "rating"]


def test_clearing_a_client_field_is_a_change():
	assert refused_changes(GUARDS, {"rating": 0.6}, {"rating": None}, set()) == ["rating"]


def test_administrators_change_admin_fields_only():
	stored = {"kind": "Central", "office": "A"}
	assert refused_changes(GUARDS, stored, {"kind": "Distributor", "office": "A"}, {Guard.ADMIN}) == []
	assert refused_changes(GUARDS, stored, {"kind": "Distributor", "office": "B"}, {Guard.ADMIN}) == [
		"office"
	]
	assert refused_changes(GUARDS, stored, {"kind": "Distributor", "office": "A"}, set()) == ["kind"]


def test_routing_territories_and_client_fields_are_guarded():
	request = GUARDED_FIELDS["Support Request"]
	assert request["office"] is Guard.COMPUTED
	assert request["feedback_rating"] is Guard.CLIENT
	assert request["approval_status"] is Guard.CLIENT
	assert request["resolution_due"] is Guard.COMPUTED
	assert GUARDED_FIELDS["Support Office"]["territories"] is Guard.ADMIN
	assert GUARDED_FIELDS["Client Installation"]["customer"] is Guard.FIXED


def test_a_computed_field_may_hold_its_default_at_creation():
	guards = {"is_open": Guard.COMPUTED}
	assert refused_changes(guards, None, {"is_open": 1}, set(), {"is_open": 1}) == []
	assert refused_changes(guards, None, {"is_open": 1}, set()) == ["is_open"]
