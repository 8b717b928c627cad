"""CaseEvent: the JSON every notifier sends."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

import pytest

from tests.app.notify.conftest import make_event


def test_to_json_round_trips_as_plain_ascii() -> None:
    event = make_event()

    text = event.to_json()

    assert text.isascii()
    payload = json.loads(text)
    assert payload == event.as_dict()
    assert payload["id"] == event.event_id and payload["event"] == "case.opened"
    assert payload["contact"]["phone"] == "+62 812-3456-7890"
    assert payload["transcript"][1] == {
        "role": "assistant",
        "content": "Refund diproses 3–7 hari kerja.",
        "created_at": "2025-01-06T09:00:02+00:00",
    }


def test_each_event_gets_its_own_id_and_keeps_it() -> None:
    first, second = make_event(), make_event()

    assert first.event_id != second.event_id
    assert json.loads(first.to_json())["id"] == json.loads(first.to_json())["id"] == first.event_id


def test_defaults_created_at_to_now_in_utc() -> None:
    event = make_event()

    created = datetime.fromisoformat(event.created_at)

    assert created.utcoffset() is not None and created.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        make_event().case_id = "other"  # type: ignore[misc]
