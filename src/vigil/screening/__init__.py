"""Screening: match names of people, companies and ships against the register.

Names and identifiers become variants (:mod:`.variants`, :mod:`.korean`), which are indexed
(:mod:`.index`); candidates are scored by small feature functions (:mod:`.features`) combined by
a versioned algorithm (:mod:`.algorithms`), and every score carries its explanation.
The Python API is :func:`vigil.screening.api.screen`.
"""
