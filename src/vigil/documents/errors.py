"""Errors of document scanning: each names the file and what is wrong with it."""

from __future__ import annotations

from vigil.errors import InputError, VigilError


class DocumentError(VigilError):
    """Base class of document errors."""


class UnreadableDocumentError(InputError, DocumentError):
    """A document cannot be read as text: binary, empty, undecodable or too large."""


class EmptyRegisterError(DocumentError):
    """There is nothing to scan against: the register holds no entries."""


class UnscannedDocumentsError(DocumentError):
    """Some documents of a batch could not be scanned (each was reported on its own)."""

    exit_code = 3
