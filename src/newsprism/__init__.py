"""newsprism: show how different outlets report the same news event.

The public API is small: read and store articles with ``ingest``/``Store``, and
(from the compare stage) compare them. Errors are ``newsprism.errors.NewsprismError``.
"""

__version__ = "0.1.0"
