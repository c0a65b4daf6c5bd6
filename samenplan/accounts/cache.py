"""Django's DatabaseCache, with an incr() that the rate limits can count on.

Django's own incr() reads the value and writes it back: two requests at once may both
write the same number, so a try goes uncounted, and the write gives the entry the default
timeout, so a counter could outlive or lose its window. Here incr() locks the row first
(SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction takes the write lock at
its start, see DATABASES in settings.py) and keeps the entry's expiry time."""

from django.core.cache.backends import db
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=alias):
            with connection.cursor() as cursor:
                # The table name comes from settings, quoted; the key is a parameter.
                cursor.execute(
                    "SELECT {} FROM {} WHERE {} = %s{}".format(  # nosec B608
                        quote("expires"), quote(self._table), quote("cache_key"), lock),
                    [self.make_and_validate_key(key, version=version)],
                )
                row = cursor.fetchone()
            expires = row and self._as_datetime(connection, row[0])
            value = self.get(key, version=version)
            if value is None or expires <= now():
                raise ValueError(f"Key '{key}' not found")
            value += delta
            self.set(key, value, timeout=(expires - now()).total_seconds(), version=version)
        return value

    @staticmethod
    def _as_datetime(connection, value):
        """The expires column as an aware datetime, as DatabaseCache.get_many reads it."""
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in (connection.ops.get_db_converters(expression)
                          + expression.get_db_converters(connection)):
            value = converter(value, expression, connection)
        return value
