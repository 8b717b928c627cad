"""Business hours of the live agents (``handoff`` settings), and how to say them to a customer."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import ConfigError
from app.settings import HandoffSettings

DAY_NAMES = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
EVERY_DAY = {"id": "setiap hari", "en": "every day"}
TODAY = {"id": "hari ini", "en": "today"}
TOMORROW = {"id": "besok", "en": "tomorrow"}
AT = {"id": "pukul", "en": "at"}


@dataclass(frozen=True)
class BusinessHours:
    """When live agents work: ``days`` (0 = Monday) from ``start`` to ``end`` local time.

    An ``end`` at or before ``start`` means the shift runs past midnight (e.g. 20:00–02:00).
    """

    zone: ZoneInfo
    days: frozenset[int]
    start: time
    end: time

    @classmethod
    def from_settings(cls, settings: HandoffSettings) -> BusinessHours:
        """Raises: ConfigError when the time zone, a day or a time is invalid."""
        try:
            zone = ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(
                f"handoff.timezone {settings.timezone!r} is not a known time zone: use a name such as Asia/Jakarta."
            ) from exc
        bad_days = [day for day in settings.business_days if not 0 <= day <= 6]
        if bad_days:
            raise ConfigError(f"handoff.business_days must be 0 (Monday) to 6 (Sunday). Currently: {bad_days}.")
        start = _parse_time("business_hours_start", settings.business_hours_start)
        end = _parse_time("business_hours_end", settings.business_hours_end)
        return cls(zone, frozenset(settings.business_days), start, end)

    def is_open(self, moment: datetime) -> bool:
        """Whether live agents work at ``moment`` (an aware datetime)."""
        local = moment.astimezone(self.zone)
        clock = local.time().replace(tzinfo=None)
        if self.start < self.end:
            return local.weekday() in self.days and self.start <= clock < self.end
        # A shift past midnight belongs to the day it started on.
        if clock >= self.start:
            return local.weekday() in self.days
        return clock < self.end and (local.weekday() - 1) % 7 in self.days

    def next_opening(self, moment: datetime) -> datetime | None:
        """The next local start of a shift after ``moment``; None when no day is a business day."""
        local = moment.astimezone(self.zone)
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            opening = datetime.combine(day, self.start, tzinfo=self.zone)
            if day.weekday() in self.days and opening > local:
                return opening
        return None

    def describe(self, lang: str) -> str:
        """E.g. ``Senin–Jumat 08:00–17:00 WIB`` or ``every day 08:00–21:00 WIB``."""
        zone_name = datetime.now(self.zone).tzname() or str(self.zone)
        return f"{self._days_text(lang)} {self.start:%H:%M}–{self.end:%H:%M} {zone_name}"

    def describe_opening(self, opening: datetime, moment: datetime, lang: str) -> str:
        """E.g. ``besok pukul 08:00 WIB`` / ``Monday at 08:00 WIB``."""
        names = DAY_NAMES[_lang(lang)]
        days_ahead = (opening.date() - moment.astimezone(self.zone).date()).days
        if days_ahead == 0:
            day = TODAY[_lang(lang)]
        elif days_ahead == 1:
            day = TOMORROW[_lang(lang)]
        else:
            day = names[opening.weekday()]
        return f"{day} {AT[_lang(lang)]} {opening:%H:%M} {opening.tzname()}"

    def _days_text(self, lang: str) -> str:
        names = DAY_NAMES[_lang(lang)]
        days = sorted(self.days)
        if len(days) == 7:
            return EVERY_DAY[_lang(lang)]
        if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
            return f"{names[days[0]]}–{names[days[-1]]}"
        return ", ".join(names[day] for day in days)


def honest_minutes(minutes: float) -> int:
    """An expected wait rounded up, never down: to the minute under 10, then to 5 minutes."""
    if minutes <= 10:
        return max(1, math.ceil(minutes))
    return 5 * math.ceil(minutes / 5)


def say_minutes(minutes: int, lang: str) -> str:
    """``sekitar 8 menit`` / ``about 1 hour 15 minutes``."""
    hours, rest = divmod(minutes, 60)
    if _lang(lang) == "en":
        parts = [f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []
        parts += [f"{rest} minute{'s' if rest != 1 else ''}"] if rest or not hours else []
        return "about " + " ".join(parts)
    parts = [f"{hours} jam"] if hours else []
    parts += [f"{rest} menit"] if rest or not hours else []
    return "sekitar " + " ".join(parts)


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "id"


def _parse_time(name: str, value: str) -> time:
    try:
        return time.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigError(f"handoff.{name} must be HH:MM, e.g. 08:00. Currently, {name} is {value!r}.") from exc
