"""Tests for ingest.redact: Indonesian personal-data redaction."""

from __future__ import annotations

import dataclasses

import pytest

from ingest.redact import PLACEHOLDERS, Redaction, Redactor, _luhn_valid, redact_pii

# --- what must be caught -------------------------------------------------------------------------

EMAILS = [
    ("email sy rina.k88@gmail.com ya kak", "email sy [EMAIL] ya kak"),
    ("kirim ke budi_santoso@ptmaju.co.id.", "kirim ke [EMAIL]."),
    ("alamat: dewi+belanja@mail.rumah.example.com, thx", "alamat: [EMAIL], thx"),
    ("Email: A.Wijaya@Yahoo.CO.ID", "Email: [EMAIL]"),
]

PHONES = [
    "081234567890",
    "0812-3456-7890",
    "0812 3456 7890",
    "0812.3456.7890",
    "(021) 5551234",
    "021-5551234",
    "0274 512345",
    "+62 812 3456 7890",
    "+62-812-3456-7890",
    "+6281234567890",
    "6281234567890",
    "62 812-3456-7890",
    "+62 21 5551234",
    "(+62) 812-3456-7890",
    "+62(21)5551234",
    "+1 (415) 555-2671",
    "+44 20 7946 0958",
    "+65 6123 4567",
]

CARDS = [
    "4111111111111111",  # Visa
    "4111 1111 1111 1111",
    "5500-0055-5555-5559",  # Mastercard
    "3782 822463 10005",  # Amex 4-6-5
    "6011111111111117",  # Discover
    "4222222222222",  # 13-digit Visa
    "2223003122003222",  # Mastercard 2-series
    "3174051203900003",  # 16 digits, province-like prefix, but Luhn-valid and starts with 3: card first
]

NIKS = [
    "3174051203900001",
    "3273 0145 0688 0002",
    "3273-0145-0688-0002",
    "317405.120390.0001",
    "31.74.05.120390.0001",
    "1171012501900003",
    "1171012501900803",  # Luhn-valid, but no card starts with 1
    "9171015507950001",
]

ACCOUNTS = [
    ("refund ke rek BCA 1234567890 ya", "refund ke rek BCA [REKENING] ya"),
    ("norek: 0987654321", "norek: [REKENING]"),
    ("No. Rekening 1230001234567 (Mandiri)", "No. Rekening [REKENING] (Mandiri)"),
    ("no rek bni 0123456789", "no rek bni [REKENING]"),
    ("BRI 0123-01-012345-50-1 a/n Siti", "BRI [REKENING] a/n Siti"),
    ("transfer ke rekening saya di BSI: 7123456789", "transfer ke rekening saya di BSI: [REKENING]"),
    ("account no 12345678", "account no [REKENING]"),
    ("acc 0011223344556677", "acc [REKENING]"),  # 16 digits, not a NIK (prefix 00)
    ("a/n Budi Santoso 1122334455", "a/n Budi Santoso [REKENING]"),
    ("SeaBank 901234567890", "SeaBank [REKENING]"),
    ("ke Jago ya 1029384756", "ke Jago ya [REKENING]"),
    ("CIMB 7060.1234.5678", "CIMB [REKENING]"),
    ("Permata 4102-345-678", "Permata [REKENING]"),
]

MESSAGES = [
    (
        "tolong refund ke rek BCA 1234567890 a/n Rina, hp sy 0812-3456-7890 email rina.k88@gmail.com",
        "tolong refund ke rek BCA [REKENING] a/n Rina, hp sy [TELEPON] email [EMAIL]",
        {"email": 1, "bank_account": 1, "phone": 1},
    ),
    (
        "Halo kak, sy Andi NIK 3273014506880002, kartu 4111 1111 1111 1111 kepotong 2x. WA +62 813-9876-5432",
        "Halo kak, sy Andi NIK [NIK], kartu [KARTU] kepotong 2x. WA [TELEPON]",
        {"nik": 1, "card": 1, "phone": 1},
    ),
    (
        "Min, pesanan Rp 1.250.000 blm sampai. Tlp kantor (021) 5551234 atau 0857 1234 5678 jam 08.00-17.00",
        "Min, pesanan Rp 1.250.000 blm sampai. Tlp kantor [TELEPON] atau [TELEPON] jam 08.00-17.00",
        {"phone": 2},
    ),
    (
        "Sdh transfer Rp150.000 tgl 12/08/2025 dr BNI 0123456789 ke Mandiri 1370012345678, bukti ke a@b.co",
        "Sdh transfer Rp150.000 tgl 12/08/2025 dr BNI [REKENING] ke Mandiri [REKENING], bukti ke [EMAIL]",
        {"bank_account": 2, "email": 1},
    ),
    (
        "hp 0812 3456 7890 20 pcs, nomor lain 6281234567890/081298765432",
        "hp [TELEPON] 20 pcs, nomor lain [TELEPON]/[TELEPON]",
        {"phone": 3},
    ),
]

# --- what must be left alone ---------------------------------------------------------------------

NEGATIVES = [
    "Harganya Rp150.000 ya kak",
    "Total pesanan Rp 1.250.000 sudah termasuk ongkir",
    "Total: IDR 2.500.000, dibayar Rp. 2.500.000",
    "Rp 62.812.000.000",
    "nilai kontrak Rp 6280000000, termin IDR 6281000000, DP Rp.6285000000 atau Rp. 6286000000",
    "saldo bertambah +12.500.000, poin +1.250",
    "kode pos 62811",
    "omzet toko 62.812.500.000 setahun",
    "transfer via BCA sebesar 12500000,00",
    "BCA nominal Rp: 12500000",
    "koordinat toko -6.0812345678912, 106.8456",
    "total belanja 1.250.000 (3 item)",
    "dikirim tanggal 12/08/2025",
    "jadwal 2025-08-12 jam 14:30",
    "tgl 12-08-2025 pukul 09.15",
    "jam operasional 08.00-17.00 WIB",
    "hubungi hotline 1500-746 atau 14045",
    "beli 3 pcs, diskon 15%, berat 1.200 gram",
    "garansi berlaku sampai tahun 2027",
    "nomor antrian 12345, ukuran 42",
    "kode promo HEMAT50 berlaku s/d 31/12",
    "9912345678901234",  # 16 digits, not Luhn, prefix 99 is no province
    "1098 7654 3210 9876",  # 16 digits, not Luhn, prefix 10 is no province
    "0812 3456 7890 1234",  # 16 digits in 4-digit groups: one number, not a phone plus "1234"
    "barcode produk 6223001234567",  # 62 not followed by a mobile 8
    "rekening saya diblokir sejak 12-08-2025",
    "transfer ke BCA Rp 12.500.000 kemarin",
    "BCA 12.500.000",
    "resi JP1234567890 dan pesanan RMB-2025-1234567",  # no patterns configured
    "versi aplikasi 3.12.0, build 20250812",
]


@pytest.mark.parametrize(("text", "expected"), EMAILS)
def test_email_is_redacted(text: str, expected: str) -> None:
    result = Redactor().redact(text)
    assert result.text == expected
    assert result.counts == {"email": 1}


@pytest.mark.parametrize("number", PHONES)
def test_phone_number_is_redacted_in_context(number: str) -> None:
    result = Redactor().redact(f"bisa hubungi saya di {number} ya, makasih")
    assert result.text == "bisa hubungi saya di [TELEPON] ya, makasih"
    assert result.counts == {"phone": 1}


@pytest.mark.parametrize("number", CARDS)
def test_card_is_redacted(number: str) -> None:
    result = Redactor().redact(f"nomor kartu {number} exp 09/27")
    assert result.text == "nomor kartu [KARTU] exp 09/27"
    assert result.counts == {"card": 1}


@pytest.mark.parametrize("number", NIKS)
def test_nik_is_redacted(number: str) -> None:
    result = Redactor().redact(f"NIK saya {number}, mohon dicek")
    assert result.text == "NIK saya [NIK], mohon dicek"
    assert result.counts == {"nik": 1}


def test_non_luhn_card_like_number_with_province_prefix_is_a_nik_not_a_card() -> None:
    assert Redactor().redact("4111111111111112").text == "[NIK]"


@pytest.mark.parametrize(("text", "expected"), ACCOUNTS)
def test_bank_account_is_redacted_after_context(text: str, expected: str) -> None:
    result = Redactor().redact(text)
    assert result.text == expected
    assert result.counts == {"bank_account": 1}


def test_account_number_without_context_is_not_a_bank_account() -> None:
    assert Redactor().redact("nomornya 1234567890 ya").text == "nomornya 1234567890 ya"


@pytest.mark.parametrize(("text", "expected", "counts"), MESSAGES)
def test_customer_messages(text: str, expected: str, counts: dict[str, int]) -> None:
    result = Redactor().redact(text)
    assert result.text == expected
    assert result.counts == counts


@pytest.mark.parametrize("text", NEGATIVES)
def test_non_personal_numbers_are_left_intact(text: str) -> None:
    result = Redactor().redact(text)
    assert result.text == text
    assert result.counts == {}


# --- allow list ----------------------------------------------------------------------------------

HOTLINE, SUPPORT_MAIL = "0811-1500-746", "bantuan@rimbun.example"


def test_allow_list_keeps_public_contacts_and_redacts_the_rest() -> None:
    redactor = Redactor(allow=[HOTLINE, SUPPORT_MAIL])
    text = f"Hubungi {HOTLINE} atau {SUPPORT_MAIL}. Pelanggan: 0812-3456-7890, rina@gmail.com."
    result = redactor.redact(text)
    assert result.text == f"Hubungi {HOTLINE} atau {SUPPORT_MAIL}. Pelanggan: [TELEPON], [EMAIL]."
    assert result.counts == {"phone": 1, "email": 1}


def test_allow_list_is_needed_for_those_contacts() -> None:
    assert Redactor().redact(f"{HOTLINE} / {SUPPORT_MAIL}").text == "[TELEPON] / [EMAIL]"


def test_allow_list_applies_to_every_kind() -> None:
    allowed = ["4111111111111111", "3174051203900001", "rek BCA 1234567890", "JP0000000001"]
    redactor = Redactor(tracking_patterns=[r"\bJP\d{10}\b"], allow=allowed)
    text = " | ".join(allowed)
    assert redactor.redact(text) == Redaction(text=text, counts={})


def test_longer_allowed_string_wins_over_its_prefix() -> None:
    redactor = Redactor(allow=["CS Rimbun", "CS Rimbun 021-5550000"])
    assert redactor.redact("Telp CS Rimbun 021-5550000").text == "Telp CS Rimbun 021-5550000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x.bantuan@rimbun.example.com", "[EMAIL]"),
        ("0811-1500-7461", "[TELEPON]"),
    ],
)
def test_allow_list_matches_whole_values_only(text: str, expected: str) -> None:
    assert Redactor(allow=[HOTLINE, SUPPORT_MAIL]).redact(text).text == expected


# --- configured order ids and tracking numbers ---------------------------------------------------

ORDER, TRACKING = r"RMB-\d{4}-\d{7}", r"\bJP\d{10}\b"


def test_configured_order_and_tracking_patterns() -> None:
    redactor = Redactor(order_id_patterns=[ORDER], tracking_patterns=[TRACKING])
    text = "Pesanan RMB-2025-1234567 resi JP1234567890 dan JP0987654321 belum update"
    result = redactor.redact(text)
    assert result.text == "Pesanan [ID_PESANAN] resi [RESI] dan [RESI] belum update"
    assert result.counts == {"order_id": 1, "tracking": 2}


def test_configured_patterns_do_not_touch_other_text() -> None:
    redactor = Redactor(order_id_patterns=[ORDER], tracking_patterns=[TRACKING])
    text = "resi JP12345 dan pesanan RMB-25-1234567"
    assert redactor.redact(text).text == text


def test_configured_pattern_cannot_match_placeholders() -> None:
    redactor = Redactor(order_id_patterns=[r"\[[A-Z_]+\]"])
    result = redactor.redact("email [EMAIL] dan rina@gmail.com")
    assert result.text == "email [EMAIL] dan [EMAIL]"
    assert result.counts == {"email": 1}


def test_configured_pattern_matching_empty_string_inserts_nothing() -> None:
    result = Redactor(order_id_patterns=[r"X*"]).redact("hp 081234567890")
    assert result == Redaction(text="hp [TELEPON]", counts={"phone": 1})


@pytest.mark.parametrize("kind", ["order_id", "tracking"])
def test_invalid_pattern_raises_value_error_naming_it(kind: str) -> None:
    with pytest.raises(ValueError) as error:
        Redactor(**{f"{kind}_patterns": [ORDER, r"RMB-(\d{4}"]})
    assert r"RMB-(\d{4}" in str(error.value)
    assert kind in str(error.value)
    assert "missing )" in str(error.value)  # the regex error itself is passed on


# --- general properties --------------------------------------------------------------------------

ALL_TEXTS = [text for text, _, _ in MESSAGES] + [text for text, _ in EMAILS + ACCOUNTS] + PHONES + NIKS


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_redaction_is_idempotent(text: str) -> None:
    redactor = Redactor(order_id_patterns=[ORDER], tracking_patterns=[TRACKING], allow=[HOTLINE])
    once = redactor.redact(text)
    assert once.text != text
    twice = redactor.redact(once.text)
    assert twice.text == once.text
    assert twice.counts == {}


def test_placeholders_are_never_redacted_again() -> None:
    text = " ".join(PLACEHOLDERS.values())
    assert Redactor(order_id_patterns=[r"\[\w+\]"]).redact(text) == Redaction(text=text, counts={})


def test_placeholders_table() -> None:
    assert PLACEHOLDERS == {
        "email": "[EMAIL]",
        "phone": "[TELEPON]",
        "nik": "[NIK]",
        "card": "[KARTU]",
        "bank_account": "[REKENING]",
        "order_id": "[ID_PESANAN]",
        "tracking": "[RESI]",
    }


def test_private_use_characters_in_input_survive() -> None:
    text = "\ue000 hp 081234567890 \ue001"
    assert Redactor().redact(text).text == "\ue000 hp [TELEPON] \ue001"


def test_redaction_is_frozen() -> None:
    result = Redactor().redact("hp 081234567890")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]


def test_redact_pii_uses_defaults() -> None:
    text = "rek BCA 1234567890, resi JP1234567890, hotline 0811-1500-746"
    assert redact_pii(text) == "rek BCA [REKENING], resi JP1234567890, hotline [TELEPON]"


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("5500005555555559", True),
        ("378282246310005", True),
        ("6011111111111117", True),
        ("79927398713", True),  # the textbook example
        ("4111111111111112", False),
        ("5500005555555550", False),
        ("79927398710", False),
        ("1234567812345678", False),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert _luhn_valid(digits) is valid
