"""Document monitoring: designated people, companies, ships and identifiers in any text.

>>> from vigil.documents.matcher import DocumentMatcher
>>> from vigil.documents.scan import scan_text
>>> from vigil.documents.document import scan_file
>>> matcher = DocumentMatcher.from_entities(entities)   # or DocumentMatcher.from_store(store)
>>> scan_text(text, matcher)                             # -> list[Mention]
>>> scan_file(path, matcher)                             # -> DocumentScan (text, HTML, PDF)

The package itself imports nothing, so that loading ``vigil docs`` commands stays cheap.
"""
