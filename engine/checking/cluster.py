"""Papers read and checked on a Dask distributed cluster (`--executor dask [--scheduler tcp://HOST:8786]`).

Dask is an extra (`pip install 'govlint[dask]'`), imported only here and only when asked for.
Without a scheduler address a LocalCluster of worker processes is started on this machine.

Work goes out as tasks of a few file names each (the workers read the files themselves, so a
remote cluster must see the papers at the same paths: a shared or synchronised directory), at
most a few tasks per worker in flight, so a national corpus streams through without its
names, let alone its records, all sitting on the scheduler at once. Results are taken back in
submission order, so the output is the same as with one process. When a worker dies its tasks
are run again on another by the scheduler (up to Dask's allowed failures); a task's result is
taken once, by its place in the list, so a paper re-run is never counted twice.

A task reads and checks its papers alone (engine.checking.run.check_paper) and hands back what
the run keeps of each, as a local worker process does; the corpus rules, which need every
paper's kept records together, run in the client (engine.checking.run.combine).
"""
from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from govlint.engine.common.errors import GovlintError

# Tasks in flight per worker: enough that a worker never waits for the client, few enough
# that a corpus is not all queued on the scheduler.
_IN_FLIGHT_PER_WORKER = 4
# Seconds to wait for a scheduler to answer before saying it cannot be reached.
_CONNECT_TIMEOUT = 30


class ClusterError(GovlintError):
    """The cluster cannot be used (not installed, not reachable); one line."""


class DaskCluster:
    """A Dask client on `scheduler`, or on a LocalCluster of `workers` processes; a context manager."""

    def __init__(self, scheduler: str | None, workers: int):
        self.scheduler = scheduler
        self.workers = workers
        self.client = None
        self._local = None

    def __enter__(self) -> DaskCluster:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterError("--executor dask needs Dask: pip install 'govlint[dask]'") from None
        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=_CONNECT_TIMEOUT)
            else:
                # Silenced: a worker's heartbeat racing the shutdown logs a traceback that is no
                # problem of the run; what is one (a task failing) reaches the client as an error.
                self._local = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                           silence_logs=logging.CRITICAL)
                self.client = Client(self._local)
        except (OSError, TimeoutError, ValueError) as error:
            self.__exit__()
            raise ClusterError(f"cannot reach the Dask scheduler {self.scheduler or '(local)'}: {error}") from None
        return self

    def __exit__(self, *_exc) -> None:
        if self.client is not None:
            self.client.close()
        if self._local is not None:
            self._local.close()

    def _slots(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {}))) * _IN_FLIGHT_PER_WORKER

    def map_in_order(self, function: Callable, items: Iterable, *args) -> Iterator:
        """`function(item, *args)` for each item, run on the cluster, yielded in the items' order;
        `items` is drawn only as tasks are submitted."""
        token = uuid.uuid4().hex  # task keys unique on a scheduler other clients share
        queue = enumerate(items)
        pending = deque()

        def submit_next() -> None:
            for index, item in queue:
                pending.append(self.client.submit(function, item, *args, key=f"govlint-{function.__name__}-{token}-{index}"))
                return

        for _ in range(self._slots()):
            submit_next()
        while pending:
            future = pending.popleft()
            result = future.result()
            future.release()
            submit_next()
            yield result

    def in_order(self, task: Callable, chunks: Iterable[list], plan, max_bytes: int, profile: str | None) -> Iterator[list]:
        """`task(chunk, plan, max_bytes, profile)` of each chunk on the cluster, in order, as
        engine.checking.batch.in_order runs it in local processes. The plan is sent to every
        worker once (a worker that joins later fetches it from another), not with each task:
        each worker then compiles its packs once."""
        plan_on_workers = self.client.scatter(plan, broadcast=True, hash=False)
        try:
            yield from self.map_in_order(task, chunks, plan_on_workers, max_bytes, profile)
        finally:
            plan_on_workers.release()
