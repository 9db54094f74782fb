from onyx_support.install import ensure_roles


def execute():
	"""Existing sites that installed an early build get the app's roles."""
	ensure_roles()
