"""The embedded article store (DuckDB).

    with Store.open("newsprism.duckdb") as store:
        added, duplicates = store.add_articles(articles)
        article = store.get(article_id)

One process may write a store file at a time; a second one gets
``StoreBusyError``. Each ``add_articles`` call is one transaction, so a crash
leaves the store holding exactly the batches that were committed.
"""

from newsprism.store._duckdb import SCHEMA_VERSION, Store

__all__ = ["Store", "SCHEMA_VERSION"]
