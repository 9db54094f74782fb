"""The pure domain layer of onyx_support: business rules on plain values.

Nothing in this package imports frappe (a meta-test checks it), so every rule here is tested by
plain pytest under the repository's top-level tests/.
"""
