"""Business hours in the configured time zone, and how waits and openings are worded."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.errors import ConfigError
from app.handoff.hours import BusinessHours, honest_minutes, say_minutes
from app.settings import HandoffSettings


def test_hours_follow_the_local_time_and_days() -> None:
    hours = BusinessHours.from_settings(HandoffSettings(business_days=[0, 1, 2, 3, 4]))
    monday_0759 = datetime(2025, 3, 3, 0, 59, tzinfo=UTC)  # 07:59 WIB
    assert not hours.is_open(monday_0759)
    assert hours.is_open(datetime(2025, 3, 3, 1, 0, tzinfo=UTC))  # 08:00 WIB
    assert not hours.is_open(datetime(2025, 3, 3, 14, 0, tzinfo=UTC))  # 21:00 WIB: closed
    assert not hours.is_open(datetime(2025, 3, 8, 3, 0, tzinfo=UTC))  # Saturday
    opening = hours.next_opening(datetime(2025, 3, 7, 15, 0, tzinfo=UTC))  # Friday 22:00 WIB
    assert opening is not None and (opening.weekday(), opening.hour) == (0, 8)
    assert hours.describe("id") == "Senin–Jumat 08:00–21:00 WIB"


def test_a_night_shift_runs_past_midnight() -> None:
    hours = BusinessHours.from_settings(HandoffSettings(business_hours_start="20:00", business_hours_end="02:00"))
    assert hours.is_open(datetime(2025, 3, 3, 18, 0, tzinfo=UTC))  # 01:00 WIB
    assert not hours.is_open(datetime(2025, 3, 3, 20, 0, tzinfo=UTC))  # 03:00 WIB


@pytest.mark.parametrize(
    ("minutes", "rounded", "id_text", "en_text"),
    [
        (0.5, 1, "sekitar 1 menit", "about 1 minute"),
        (8, 8, "sekitar 8 menit", "about 8 minutes"),
        (10.2, 15, "sekitar 15 menit", "about 15 minutes"),
        (72, 75, "sekitar 1 jam 15 menit", "about 1 hour 15 minutes"),
        (120, 120, "sekitar 2 jam", "about 2 hours"),
    ],
)
def test_waits_are_rounded_up_never_down(minutes: float, rounded: int, id_text: str, en_text: str) -> None:
    assert honest_minutes(minutes) == rounded
    assert (say_minutes(rounded, "id"), say_minutes(rounded, "en")) == (id_text, en_text)


def test_bad_hours_settings_are_named() -> None:
    with pytest.raises(ConfigError, match="Asia/Jakartaa"):
        BusinessHours.from_settings(HandoffSettings(timezone="Asia/Jakartaa"))
    with pytest.raises(ConfigError, match="HH:MM"):
        BusinessHours.from_settings(HandoffSettings(business_hours_start="8 pagi"))
    with pytest.raises(ConfigError, match=r"\[7\]"):
        BusinessHours.from_settings(HandoffSettings(business_days=[0, 7]))
