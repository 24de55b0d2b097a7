"""The read-only REST API: scoped selectors behind token or session authentication."""
