"""A hard budget of time and memory for reading one report.

Decoding and extraction run in a child process, forked, which the parent kills the moment it runs
over: no input, however hostile, holds a worker for long or takes the machine's memory, and what
the child had read dies with it. The memory counted is the child's own (what it allocates), not the
parent's pages it shares from the fork. The child never touches the database (extraction is pure Python);
the parent writes only after the child returned, so a budget run over writes nothing.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from reports.decoding import ReportRejected

logger = logging.getLogger(__name__)

# How often the parent looks at the child's clock and memory: a child can overshoot the memory budget
# by what it allocates in this time (tens of MB at most), never by gigabytes.
POLL_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# The child's report to the parent: a stage reached, the result, a refusal, running out of memory, a failure.
STAGE, RESULT, REFUSED, OUT_OF_MEMORY, FAILED, TIMED_OUT = (
    "stage", "result", "refused", "out_of_memory", "failed", "timed_out")
# The parent reads and unpickles a result in about the time the child took to pickle it (a 10 MB report's
# facts: seconds); a result that would only arrive past the budget is refused before it is sent.
TRANSFER_MARGIN = 1.5
REASON_CHARS = 200  # of a failure's own words kept in its message
PRIVATE_MEMORY_FIELDS = (b"Private_Clean:", b"Private_Dirty:", b"Private_Hugetlb:")


class BudgetExceeded(ReportRejected):
    """Reading one report ran over its time or memory budget: stopped, nothing written."""

    status = 400


@dataclass
class Budget:
    """The time and memory one document may take, from settings unless given; the clock starts here."""

    seconds: float = field(default_factory=lambda: settings.REPORT_INGEST_SECONDS)
    memory_bytes: int = field(default_factory=lambda: settings.REPORT_INGEST_MEMORY_BYTES)
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def check(self) -> None:
        """Between the parent's own steps (the checks, the writing): over time ends the ingest there."""
        if self.remaining() <= 0:
            raise self.time_refusal()

    def time_refusal(self) -> BudgetExceeded:
        return BudgetExceeded(
            f"Văn bản này cần quá {self.seconds:g} giây để đọc (giới hạn cho mỗi văn bản), đã dừng, không lưu gì / "
            f"reading this report took over the {self.seconds:g} s allowed per document: stopped, nothing was stored")

    def memory_refusal(self) -> BudgetExceeded:
        limit = self.memory_bytes / 1024 / 1024
        return BudgetExceeded(
            f"Văn bản này cần quá {limit:.0f} MB bộ nhớ để đọc (giới hạn cho mỗi văn bản), đã dừng, không lưu gì / "
            f"reading this report needed over the {limit:.0f} MB of memory allowed per document: stopped, "
            f"nothing was stored")


def short_reason(words: str) -> str:
    """A failure's own words on one line and short, for a message (never a traceback)."""
    words = " ".join(words.split())
    return words if len(words) <= REASON_CHARS else words[:REASON_CHARS - 1] + "…"


def resident_bytes(pid: int) -> int | None:
    """The process's resident memory, from /proc (Linux); None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return None


def private_bytes(pid: int) -> int | None:
    """The memory the process holds for itself alone: a forked child starts sharing all of its parent's
    pages and costs only what it allocates or writes to (Linux's smaps_rollup; None without it)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            return sum(int(line.split()[1]) * 1024 for line in rollup
                       if line.startswith(PRIVATE_MEMORY_FIELDS))
    except (OSError, IndexError, ValueError):
        return None


def child_memory(pid: int, inherited: int | None) -> int | None:
    """What the reading itself takes: its private memory, else its resident memory beyond what it
    inherited at the fork."""
    private = private_bytes(pid)
    if private is not None:
        return private
    resident = resident_bytes(pid)
    return None if resident is None else resident - (inherited or 0)


def _child_main(connection, function: Callable[..., Any], args: tuple, budget: Budget) -> None:
    def on_stage(stage: str) -> None:
        connection.send((STAGE, stage))

    try:
        result = function(*args, on_stage=on_stage)
    except ReportRejected as exc:
        connection.send((REFUSED, str(exc)))
    except MemoryError:
        connection.send((OUT_OF_MEMORY, None))
    except BaseException as exc:  # the parent turns it into a message and logs the traceback
        connection.send((FAILED, (f"{exc.__class__.__name__}: {exc}", traceback.format_exc())))
    else:
        pickling = time.monotonic()
        message = pickle.dumps((RESULT, result), protocol=pickle.HIGHEST_PROTOCOL)
        if budget.remaining() < (time.monotonic() - pickling) * TRANSFER_MARGIN:
            connection.send((TIMED_OUT, None))
        else:
            connection.send_bytes(message)  # recv() unpickles it as it would a send()
    connection.close()


def run_within_budget(function: Callable[..., Any], *args, budget: Budget,
                      on_stage: Callable[[str], None] | None = None) -> Any:
    """function(*args, on_stage=...) in a child process within `budget`; its result, or a ReportRejected
    (the function's own refusal, BudgetExceeded, or a message for any other failure)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, function, args, budget), daemon=True)
    inherited = resident_bytes(os.getpid())
    child.start()
    sender.close()
    try:
        return _await_child(child, receiver, budget=budget, inherited=inherited,
                            on_stage=on_stage or (lambda stage: None))
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _await_child(child, receiver, *, budget: Budget, inherited: int | None,
                 on_stage: Callable[[str], None]) -> Any:
    while True:
        remaining = budget.remaining()
        if remaining <= 0:
            raise budget.time_refusal()
        used = child_memory(child.pid, inherited)
        if used is not None and used > budget.memory_bytes:
            raise budget.memory_refusal()
        if not receiver.poll(min(POLL_SECONDS, remaining)):
            continue
        try:
            kind, payload = receiver.recv()
        except EOFError:  # died without a word: killed by the system (out of memory) or crashed
            child.join()
            logger.error("the reading process ended without a result (exit code %s)", child.exitcode)
            raise budget.memory_refusal() if child.exitcode == -9 else ReportRejected(
                f"Trình đọc dừng bất thường (mã {child.exitcode}), không lưu gì / the reader stopped abnormally "
                f"(exit code {child.exitcode}): nothing was stored")
        if kind == STAGE:
            on_stage(payload)
        elif kind == RESULT:
            return payload
        elif kind == REFUSED:
            raise ReportRejected(payload)
        elif kind == OUT_OF_MEMORY:
            raise budget.memory_refusal()
        elif kind == TIMED_OUT:
            raise budget.time_refusal()
        else:
            reason, details = payload
            reason = short_reason(reason)
            logger.warning("the reader failed: %s\n%s", reason, details)
            raise ReportRejected(
                f"Trình đọc không đọc được văn bản này ({reason}), không lưu gì / the reader failed on this report "
                f"({reason}): nothing was stored")
