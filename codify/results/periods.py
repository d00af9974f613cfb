"""Reporting periods of a results file: a month, an ISO week or a day."""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(\d{4})[/.](\d{1,2})")


class Granularity(StrEnum):
    """How long one reported period is."""

    MONTH = "month"
    WEEK = "week"
    DAY = "day"


@lru_cache(maxsize=8192)
def parse_period(text: str) -> Granularity | None:
    """The granularity of a well-formed period, or None for anything else."""
    if len(text) == 7 and (m := _MONTH.fullmatch(text)):
        return Granularity.MONTH if 1 <= int(m.group(2)) <= 12 else None
    if len(text) == 8 and (m := _WEEK.fullmatch(text)):
        week = int(m.group(2))
        return Granularity.WEEK if 1 <= week <= _weeks_in(int(m.group(1))) else None
    if len(text) == 10 and (m := _DAY.fullmatch(text)):
        try:
            date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return Granularity.DAY
    return None


def _weeks_in(year: int) -> int:
    # 28 December always lies in the last ISO week of its year.
    return date(year, 12, 28).isocalendar().week


@lru_cache(maxsize=8192)
def last_day(period: str, granularity: Granularity) -> date:
    """The last day a well-formed period covers (a month contains its days)."""
    year = int(period[:4])
    if granularity is Granularity.MONTH:
        month = int(period[5:7])
        return date(year, month, calendar.monthrange(year, month)[1])
    if granularity is Granularity.WEEK:
        return date.fromisocalendar(year, int(period[6:8]), 7)
    return date.fromisoformat(period)


def period_hint(text: str) -> str:
    """A suggestion for a period in the wrong form, such as ``2025/01`` or ``Jan 2025``."""
    if m := _SLASHED.fullmatch(text.strip()):
        return f"; did you mean '{m.group(1)}-{int(m.group(2)):02d}'?"
    words = text.strip().split()
    if len(words) == 2 and words[1].isdigit() and len(words[1]) == 4:
        for number, name in enumerate(calendar.month_abbr):
            if number and words[0][:3].lower() == name.lower():
                return f"; did you mean '{words[1]}-{number:02d}'?"
    return ""
