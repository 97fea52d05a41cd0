"""A run's lease on its analysis, renewed while the run is alive.

The claim (metskin/analysis/services.py) holds an analysis for ``ANALYSIS_CLAIM_SECONDS``. A
long video run would outlive a short lease, and a long lease makes a person wait minutes for
a dead worker's analysis to be queued again. So the lease is short and a thread renews it
every ``ANALYSIS_HEARTBEAT_SECONDS`` while the run is alive: when a worker dies (``kill -9``,
a lost machine), the renewals stop, the lease runs out within seconds, and beat's sweeper
queues the analysis again (docs/adr/0005).

A thread, not the progress callback: skinlab reports progress between steps, and one step
(decoding a long video, say) can take longer than a lease.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)


class LeaseKeeper:
    """``with LeaseKeeper(rows):`` renews ``claimed_until`` on ``rows()`` until the block ends.

    ``rows`` gives the claimed row filtered by the run's fencing token, so a run that lost
    its claim renews nothing.
    """

    def __init__(self, rows: Callable[[], Any], *, every_s: float | None = None) -> None:
        self.rows = rows
        self.every_s = every_s if every_s is not None else settings.ANALYSIS_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew_until_stopped, daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every_s + 5)

    def renew(self) -> bool:
        """Push the lease forward; False when the run no longer holds the claim."""
        from metskin.analysis.models import AnalysisStatus

        until = timezone.now() + timedelta(seconds=settings.ANALYSIS_CLAIM_SECONDS)
        return bool(self.rows().filter(status=AnalysisStatus.RUNNING).update(claimed_until=until))

    def _renew_until_stopped(self) -> None:
        try:
            while not self._stop.wait(self.every_s):
                try:
                    if not self.renew():
                        return  # finished, failed, or taken over: nothing left to hold
                except Exception:
                    # A database hiccup: the next beat tries again; the lease has slack.
                    logger.warning("Could not renew an analysis lease", exc_info=True)
        finally:
            # This thread's own database connection; the worker's is left alone.
            connections.close_all()
