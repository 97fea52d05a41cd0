"""What a web process does once, after Django is set up and before it answers anyone."""

from __future__ import annotations

import gc

from django.urls import get_resolver


def freeze_startup_heap() -> None:
    """Keep Python's full garbage collections off the start-up heap.

    A full collection walks every tracked object. After start-up that is about 200,000 of
    them (modules, classes, functions, the URLconf) that will never be garbage, and each
    full pass stalled whichever request triggered it by 70–135 ms (`python -m
    bench.recommendations`: one sample in ten at 108–158 ms where the median was 15–30 ms).
    Import every view now rather than on the first request, then move what start-up made
    to the permanent generation (what the ``gc.freeze`` docs advise for servers), so a full
    pass walks only what requests make: 6–26 ms measured.
    """
    get_resolver().url_patterns  # noqa: B018 - loads the URLconf and every view module
    gc.collect()
    gc.freeze()
