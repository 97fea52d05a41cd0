"""Free-slot arithmetic: the overlap check the slot generator runs for every candidate slot."""


def test_the_fast_overlap_check_agrees_with_checking_every_interval():
    """_Intervals answers in O(log n) what a scan of every interval answers (random calendars,
    overlapping and nested intervals included, with and without a buffer)."""
    import random
    from datetime import UTC, datetime, timedelta

    from metskin.doctors.availability import Interval, _Intervals

    rng = random.Random(11)
    base = datetime(2026, 6, 1, tzinfo=UTC)
    for _ in range(300):
        intervals = []
        for _ in range(rng.randint(0, 12)):
            start = base + timedelta(minutes=rng.randint(0, 600))
            intervals.append(Interval(start, start + timedelta(minutes=rng.randint(1, 240))))
        fast = _Intervals(intervals)
        for _ in range(20):
            start = base + timedelta(minutes=rng.randint(-60, 700))
            end = start + timedelta(minutes=rng.randint(1, 60))
            pad = timedelta(minutes=rng.choice([0, 5, 15]))
            scan = any(start < i.end + pad and i.start < end + pad for i in intervals)
            assert fast.overlaps(start, end, pad) == scan
