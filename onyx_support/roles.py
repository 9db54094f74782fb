"""The app's roles, named once. Created on install, removed on uninstall."""

SUPPORT_CLIENT = "Support Client"
SUPPORT_ENGINEER = "Support Engineer"
OFFICE_MANAGER = "Support Office Manager"
CENTRAL_ENGINEER = "Central Support Engineer"
SUPPORT_ADMIN = "Support Administrator"
# bills an office's support: its warranty agreements, charges and billing runs
SUPPORT_ACCOUNTANT = "Support Accountant"
# reads the visit reports distributed to its directorates, nothing else of the network
DIRECTORATE_MEMBER = "Support Directorate Member"

# role name -> has desk access
APP_ROLES = {
	SUPPORT_CLIENT: False,
	SUPPORT_ENGINEER: True,
	OFFICE_MANAGER: True,
	CENTRAL_ENGINEER: True,
	SUPPORT_ADMIN: True,
	DIRECTORATE_MEMBER: True,
	SUPPORT_ACCOUNTANT: True,
}

# Roles whose holders see the whole network, not only their own offices.
NETWORK_WIDE_ROLES = frozenset({CENTRAL_ENGINEER, SUPPORT_ADMIN, "System Manager", "Administrator"})
# Roles whose holders see only the offices they belong to.
OFFICE_SCOPED_ROLES = frozenset({SUPPORT_ENGINEER, OFFICE_MANAGER, SUPPORT_ACCOUNTANT})
