"""When the next check-in goes out: at 10:00 local time, across daylight saving changes
and month ends."""

import datetime
import zoneinfo

import pytest

from samenplan.reminders.schedule import add_months, next_due

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def local(*args):
    return datetime.datetime(*args, tzinfo=AMS)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


def rounds(frequency, started_at, count):
    found, after = [], started_at
    for _ in range(count):
        after = next_due(frequency, started_at, after)
        found.append(after)
    return found


def test_a_weekly_check_in_stays_at_ten_local_across_the_autumn_change():
    # Summer time ends on 25 October 2026: 10:00 local is 08:00 UTC before, 09:00 after.
    due = rounds("weekly", local(2026, 10, 14, 15, 0), 3)
    assert due == [utc(2026, 10, 21, 8), utc(2026, 10, 28, 9), utc(2026, 11, 4, 9)]
    assert {d.astimezone(AMS).hour for d in due} == {10}


def test_a_weekly_check_in_stays_at_ten_local_across_the_spring_change():
    # Summer time starts on 28 March 2027: 09:00 UTC before, 08:00 after.
    due = rounds("weekly", local(2027, 3, 20, 9, 0), 2)
    assert due == [utc(2027, 3, 27, 9), utc(2027, 4, 3, 8)]
    assert all(d.tzinfo is UTC for d in due)


def test_every_two_weeks_counts_from_the_start_day():
    assert rounds("two_weeks", local(2026, 12, 1, 12), 2) == [
        utc(2026, 12, 15, 9), utc(2026, 12, 29, 9)]


def test_the_first_round_on_the_start_day_itself_is_not_counted():
    # Started at 08:00 local: the round of that day is not a round, the first is a week on.
    assert next_due("weekly", local(2026, 6, 1, 8), local(2026, 6, 1, 8)) == utc(2026, 6, 8, 8)


def test_a_monthly_check_in_keeps_its_day_and_clamps_at_month_ends():
    due = rounds("monthly", local(2027, 1, 31, 11), 4)
    assert [d.astimezone(AMS).date() for d in due] == [
        datetime.date(2027, 2, 28), datetime.date(2027, 3, 31), datetime.date(2027, 4, 30),
        datetime.date(2027, 5, 31)]
    assert {d.astimezone(AMS).hour for d in due} == {10}


def test_a_leap_year_february_has_29_days():
    assert next_due("monthly", local(2028, 1, 31, 11), local(2028, 1, 31, 11)) == (
        local(2028, 2, 29, 10).astimezone(UTC))


@pytest.mark.parametrize(("day", "months", "expected"), [
    (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
    (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
    (datetime.date(2026, 11, 30), 14, datetime.date(2028, 1, 30)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_after_a_long_pause_the_next_round_is_the_first_one_still_to_come():
    started = local(2020, 1, 6, 12)  # a Monday
    after = local(2026, 12, 2, 12)  # a Wednesday
    due = next_due("weekly", started, after)
    assert due.astimezone(AMS) == local(2026, 12, 7, 10)
    monthly = next_due("monthly", started, after)
    assert monthly.astimezone(AMS) == local(2026, 12, 6, 10)
