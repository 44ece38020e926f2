"""The report: a Panel-of-Experts-style HTML (and PDF) document, with offline SVG maps and charts."""
