"""The shared cache counts every try of the rate limits: incr() is atomic and keeps the
counter's expiry time."""

import threading
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections


def expires_in(key):
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table} WHERE cache_key = %s",
                       [cache.make_key(key)])
        (expires,) = cursor.fetchone()
    return cache._as_datetime(connection, expires).timestamp() - time.time()


def test_the_cache_is_in_the_database(db):
    assert settings.CACHES["default"]["BACKEND"] == "samenplan.accounts.cache.DatabaseCache"
    cache.set("proef", 1)
    assert cache.get("proef") == 1


def test_incr_adds_and_keeps_the_expiry_time(db):
    assert cache.add("teller", 1, 900)
    assert cache.incr("teller") == 2
    assert cache.incr("teller", 3) == 5
    assert cache.get("teller") == 5
    # Django's own incr() would have set the default timeout (300 seconds).
    assert 890 < expires_in("teller") <= 900


def test_incr_of_a_missing_or_expired_key_fails(db):
    with pytest.raises(ValueError):
        cache.incr("nergens")
    cache.set("oud", 1, 1)
    time.sleep(1.1)
    with pytest.raises(ValueError):
        cache.incr("oud")


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="on SQLite every transaction takes the write lock at its start")
def test_incr_counts_every_request_at_once(transactional_db):
    cache.add("samen", 0, 900)
    start = threading.Barrier(8)

    def add_one():
        start.wait()
        for _ in range(5):
            cache.incr("samen")
        connections.close_all()

    threads = [threading.Thread(target=add_one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("samen") == 40
