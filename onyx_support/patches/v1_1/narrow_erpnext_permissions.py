from onyx_support.install import ensure_permissions_on_erpnext_doctypes


def execute():
	"""Earlier versions gave the app's roles read and export on Customer, Item and Territory;
	they now hold select only."""
	ensure_permissions_on_erpnext_doctypes()
