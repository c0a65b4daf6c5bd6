"""A copy of the test database with the demo data in it, made once per test run.

load_demo writes a year of plan content through the action functions, with history and
audit events: seconds of work. Copying its rows back takes a fraction of that, so each
browser test starts from the demo exactly as load_demo left it (the same rows, ids and
next ids), without loading it again.
"""

import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

SCHEMA = "demo_copy"  # PostgreSQL: where the copy is kept, in the test database


def take():
    """Copy what the test database holds now."""
    copy = {"sqlite": SqliteCopy, "postgresql": PostgresCopy}[connection.vendor]()
    copy.take()
    return copy


class SqliteCopy:
    """SQLite's backup API copies the whole database, schema and all, page by page."""

    def take(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection.ensure_connection()
        self.copy.backup(connection.connection)
        ContentType.objects.clear_cache()


class PostgresCopy:
    """Every table copied into a schema of its own, and where each sequence stood.
    Restoring deletes the rows of the tables that have any, copies the rows back
    and sets the sequences back. (DELETE, not TRUNCATE: TRUNCATE costs the same for an
    empty table, and the flush after each test leaves most of them empty.)"""

    def take(self):
        q = connection.ops.quote_name
        # All tables, as SQLite's copy has them: the cache table (rate limits) too.
        self.tables = [q(table) for table in connection.introspection.table_names()]
        with transaction.atomic(), connection.cursor() as cursor:
            # A copy left by an earlier run (pytest --reuse-db) is replaced.
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {SCHEMA}.{table} AS TABLE {table}")
            self.filled = [table for table in self.tables
                           if table in self.with_rows(cursor, SCHEMA)]
            # The audit log refuses DELETE with a trigger of its own; TRUNCATE passes it.
            cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger "
                           "WHERE NOT tgisinternal")
            self.truncate = {q(table) for (table,) in cursor.fetchall()}
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences "
                           "WHERE schemaname = current_schema()")
            self.sequences = [(q(name), value) for name, value in cursor.fetchall()]

    def with_rows(self, cursor, schema=None):
        """The tables that have rows: in the database, or in the copy's schema."""
        cursor.execute(" UNION ALL ".join(
            f"SELECT {index} WHERE EXISTS (SELECT FROM {schema + '.' if schema else ''}{table})"
            for index, table in enumerate(self.tables)))
        return [self.tables[index] for (index,) in cursor.fetchall()]

    def restore(self):
        # Foreign keys are checked when the transaction commits: the order of the tables
        # does not matter.
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.with_rows(cursor):
                cursor.execute(f"TRUNCATE {table}" if table in self.truncate
                               else f"DELETE FROM {table}")
            for table in self.filled:
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {SCHEMA}.{table}")
            for sequence, last_value in self.sequences:
                cursor.execute("SELECT setval(%s, %s, %s)",
                               [sequence, last_value or 1, last_value is not None])
        ContentType.objects.clear_cache()
