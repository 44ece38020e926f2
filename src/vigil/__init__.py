"""Vigil: open monitoring of the UN Security Council sanctions on the DPRK."""

__version__ = "0.1.0"
