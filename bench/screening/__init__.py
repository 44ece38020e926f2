"""Screening benchmark: quality against logic-v2, leave-one-alias-out, Korean variants, speed."""
