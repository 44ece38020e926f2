"""Findings: the one record every part of Vigil produces, tied to the measure it may breach."""
