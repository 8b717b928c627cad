"""Contact details for a callback or an e-mail: checked, normalised, stored with the case only."""

from __future__ import annotations

import pytest

from app.errors import ContactError, HandoffError, SigapError
from app.handoff import ChatService
from app.handoff.contact import check_email, normalise_phone
from app.store import SqlConversationStore
from tests.app.handoff.conftest import OUT_OF_HOURS, FakeClock, say


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 (0)812.3456.789", "+628123456789"),
        ("(021) 5550 1234", "+622155501234"),
    ],
)
def test_indonesian_phone_numbers_are_normalised(written: str, stored: str) -> None:
    assert normalise_phone(written) == stored


@pytest.mark.parametrize(
    "written", ["", "0812", "12345678901", "+1 415 555 0100", "0812-34x6-7890", "08123456789012345"]
)
def test_bad_phone_numbers_get_a_polite_message_in_both_languages(written: str) -> None:
    with pytest.raises(ContactError) as caught:
        normalise_phone(written)
    error = caught.value
    assert isinstance(error, HandoffError) and isinstance(error, SigapError) and error.field == "phone"
    assert error.message("id").startswith(("Nomor telepon itu", "Mohon tuliskan nomor"))
    assert error.message("en").startswith(("We cannot use that phone number", "Please enter your phone"))
    if len(written) >= 10:  # (shorter ones can be part of the example number)
        assert written not in str(error) and written not in error.message("id")  # personal data stays out of logs


@pytest.mark.parametrize(
    ("written", "stored"),
    [("siti@Example.CO.ID", "siti@example.co.id"), (" budi.s+cs@mail.example.com ", "budi.s+cs@mail.example.com")],
)
def test_good_email_addresses_are_accepted(written: str, stored: str) -> None:
    assert check_email(written) == stored


@pytest.mark.parametrize("written", ["siti", "siti@", "@example.com", "siti@example", "siti@@example.com", "a b@c.id"])
def test_bad_email_addresses_are_refused_politely(written: str) -> None:
    with pytest.raises(ContactError) as caught:
        check_email(written)
    assert caught.value.field == "email"
    assert "Alamat e-mail itu sepertinya belum lengkap" in caught.value.message("id")
    assert "That e-mail address looks incomplete" in caught.value.message("en")


def test_a_callback_request_is_stored_with_the_case_only(
    chat: ChatService, store: SqlConversationStore, clock: FakeClock
) -> None:
    clock.set(OUT_OF_HOURS)
    session = chat.start("id")
    final = say(chat, session, "mau bicara dengan cs")
    case = chat.choose_channel(
        session, "callback", name=" Siti  Rahayu ", phone="0812-3456-7890", callback_window="besok 13.00–15.00"
    )
    assert final.case is not None and case.id == final.case.id
    assert (case.contact.name, case.contact.phone, case.contact.email) == ("Siti Rahayu", "+6281234567890", None)
    assert (case.contact_channel, case.callback_window) == ("callback", "besok 13.00–15.00")
    messages = store.transcript(session.conversation_id).messages
    assert "pada jam layanan berikutnya" in messages[-1].content
    assert not any("3456" in m.content or "Siti" in m.content for m in messages)  # only the case holds them


def test_email_follow_up_and_the_errors_the_widget_shows(
    chat: ChatService, store: SqlConversationStore, clock: FakeClock
) -> None:
    clock.set(OUT_OF_HOURS)
    session = chat.start("en")
    say(chat, session, "I want to talk to a human agent please")
    with pytest.raises(ContactError) as no_email:
        chat.choose_channel(session, "email")
    assert no_email.value.message("en") == "Please enter your e-mail address so that we can reply."
    with pytest.raises(ContactError) as live:
        chat.choose_channel(session, "live")
    assert "only available during our opening hours (every day 08:00–21:00 WIB)" in live.value.message("en")
    with pytest.raises(ContactError) as bad_phone:
        chat.choose_channel(session, "email", email="siti@example.co.id", phone="12")
    assert bad_phone.value.field == "phone"
    case = chat.choose_channel(session, "email", email="siti@example.co.id")
    assert (case.contact_channel, case.contact.email, case.contact.phone) == ("email", "siti@example.co.id", None)
    assert (
        store.transcript(session.conversation_id)
        .messages[-1]
        .content.startswith("Thank you, your e-mail address has been saved with your case.")
    )


def test_live_chat_in_hours_needs_no_details(chat: ChatService) -> None:
    session = chat.start("id")
    case = chat.choose_channel(session, "live")  # no case yet: the choice opens one
    assert case.reason == "customer_button" and case.contact_channel == "live"
    assert (case.contact.name, case.contact.phone, case.contact.email) == (None, None, None)
    with pytest.raises(ContactError) as unknown:
        chat.choose_channel(session, "whatsapp")  # type: ignore[arg-type]
    assert unknown.value.message("id").startswith("Pilihan itu tidak tersedia")
