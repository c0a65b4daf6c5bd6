"""When the next check-in goes out: pure functions, no database.

Rounds are counted in local time (settings.TIME_ZONE, Europe/Amsterdam) from the day the
check-ins started, at a fixed local hour, and stored in UTC. So a weekly check-in stays at
10:00 local across a daylight saving change (08:00 UTC in summer, 09:00 UTC in winter), and
a monthly one stays on the start day, or the last day of a shorter month (31 January,
28 or 29 February, 31 March)."""

import calendar
import datetime
import zoneinfo

from django.conf import settings

from .constants import Frequency

LOCAL_HOUR = 10  # the check-in e-mail goes out at 10:00 local time


def _zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def add_months(day, months, on_day=None):
    """The date `months` months after `day`, on `on_day` (default: day.day), clamped to
    the last day of a shorter month."""
    on_day = on_day or day.day
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(on_day, calendar.monthrange(year, month)[1]))


def round_date(frequency, start_date, n):
    """The local date of round n (n = 1 is the first round after the start)."""
    if frequency == Frequency.WEEKLY:
        return start_date + datetime.timedelta(weeks=n)
    if frequency == Frequency.TWO_WEEKS:
        return start_date + datetime.timedelta(weeks=2 * n)
    if frequency == Frequency.MONTHLY:
        return add_months(start_date, n)
    raise ValueError(frequency)


def at_local_hour(day, hour=LOCAL_HOUR):
    """That day at that local hour, as an aware UTC datetime."""
    local = datetime.datetime.combine(day, datetime.time(hour), tzinfo=_zone())
    return local.astimezone(datetime.UTC)


def local_date(moment):
    return moment.astimezone(_zone()).date()


def next_due(frequency, started_at, after):
    """The first round strictly after `after` for check-ins started at `started_at`
    (both aware datetimes), in UTC."""
    start_date = local_date(started_at)
    # Skip ahead close to `after` at once, so a plan started years ago costs no loop.
    days = (local_date(after) - start_date).days
    per_round = {Frequency.WEEKLY: 7, Frequency.TWO_WEEKS: 14, Frequency.MONTHLY: 31}[frequency]
    n = max(1, days // per_round)
    while (due := at_local_hour(round_date(frequency, start_date, n))) <= after:
        n += 1
    return due
