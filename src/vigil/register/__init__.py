"""The designations register: official sanctions lists as followthemoney statements, versioned."""
