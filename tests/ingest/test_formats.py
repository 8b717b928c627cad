"""The four knowledge formats parse into the entries agents expect."""

from __future__ import annotations

import json

from ingest.chunking import chunk_entry
from ingest.formats import docs, faq_csv, faq_markdown, tickets
from ingest.loader import SourceFile, parse_source
from tests.conftest import faq_md
from tests.pdf import minimal_pdf


def test_faq_markdown_front_matter_and_body() -> None:
    parsed = faq_markdown.parse(
        "faq/akun/lupa-sandi.md",
        faq_md("lupa-sandi", "Lupa kata sandi?", "Pilih **Lupa Kata Sandi**.", variants=["lupa pw", "forgot password"]),
    )
    assert parsed.errors == []
    (entry,) = parsed.entries
    assert (entry.doc_id, entry.kind, entry.title, entry.lang) == ("lupa-sandi", "faq", "Lupa kata sandi?", "id")
    assert entry.body == "Pilih **Lupa Kata Sandi**."
    assert entry.variants == ("lupa pw", "forgot password")
    assert entry.tags == ("uji",)


def test_faq_markdown_id_defaults_to_file_name() -> None:
    text = "---\nquestion: Jam buka CS?\n---\nSetiap hari 08.00–21.00 WIB.\n"
    (entry,) = faq_markdown.parse("faq/kontak/jam-cs.md", text).entries
    assert entry.doc_id == "jam-cs"


def test_faq_csv_rows_with_pipes_and_quotes() -> None:
    text = (
        "id,question,answer,variants,category,lang,tags\n"
        'promo-1212,Kapan promo 12.12?,"Mulai 12 Desember, pukul 00.00 WIB.",'
        "harbolnas|promo akhir tahun,promo,id,promo|musiman\n"
        'promo-en,When is the sale?,"From Dec 12.",,promo,en,\n'
    )
    parsed = faq_csv.parse("faq/promo/musiman.csv", text)
    assert parsed.errors == []
    first, second = parsed.entries
    assert first.body == "Mulai 12 Desember, pukul 00.00 WIB."
    assert first.variants == ("harbolnas", "promo akhir tahun")
    assert first.tags == ("promo", "musiman")
    assert (second.doc_id, second.lang, second.variants, second.line) == ("promo-en", "en", (), 3)


def test_faq_csv_translation_column() -> None:
    text = "id,question,answer,lang,translation_of\nsale-en,When is the sale?,From Dec 12.,en,promo-1212\n"
    (entry,) = faq_csv.parse("faq/promo/musiman-en.csv", text).entries
    assert (entry.lang, entry.translation_of) == ("en", "promo-1212")


def test_tickets_jsonl() -> None:
    record = {
        "id": "TKT-1",
        "created_at": "2025-08-01T10:00:00+07:00",
        "channel": "chat",
        "lang": "id",
        "subject": "Refund belum masuk",
        "customer_message": "refund sy blm masuk min",
        "resolution": "Kami cek, refund diproses 3–7 hari kerja.",
        "faq_id": "refund-lama",
        "tags": ["refund"],
    }
    parsed = tickets.parse("tickets/2025.jsonl", json.dumps(record) + "\n\n" + json.dumps({**record, "id": "TKT-2"}))
    assert parsed.errors == []
    first, second = parsed.entries
    assert (first.kind, first.faq_id, first.resolution, first.extra["channel"]) == (
        "ticket",
        "refund-lama",
        "Kami cek, refund diproses 3–7 hari kerja.",
        "chat",
    )
    assert second.line == 3


def test_docs_markdown_html_txt_and_pdf() -> None:
    md = docs.parse("docs/retur.md", "# Kebijakan Retur\n\n## Syarat\nBarang belum dipakai.\n")
    html = docs.parse(
        "docs/promo.html",
        "<html><body><h1>Syarat Promo</h1><script>alert(1)</script><h2>Voucher</h2><p>Satu voucher per pesanan.</p>"
        "<ul><li>Tidak dapat digabung</li></ul></body></html>",
    )
    txt = docs.parse("docs/aman.txt", "PANDUAN KEAMANAN\n\nJangan bagikan OTP kepada siapa pun.\n")
    pdf = docs.parse_pdf("docs/garansi.pdf", minimal_pdf("Garansi resmi berlaku satu tahun."))
    assert [p.errors for p in (md, html, txt, pdf)] == [[], [], [], []]
    assert md.entries[0].title == "Kebijakan Retur" and md.entries[0].doc_id == "docs/retur"
    assert "alert" not in html.entries[0].body and "## Voucher" in html.entries[0].body
    assert "- Tidak dapat digabung" in html.entries[0].body
    assert txt.entries[0].body.startswith("## Panduan Keamanan")
    assert "Garansi resmi berlaku satu tahun." in pdf.entries[0].body


def test_doc_language_detected_unless_given() -> None:
    english = docs.parse("docs/privacy.md", "# Privacy\n\nWe keep your data safe and never sell it to anyone.")
    given = docs.parse("docs/x.md", "---\nlang: en\ntitle: Hours\n---\nBuka setiap hari.")
    assert english.entries[0].lang == "en"
    assert (given.entries[0].lang, given.entries[0].title) == ("en", "Hours")


def test_pdf_routed_by_loader() -> None:
    parsed = parse_source(SourceFile("docs/garansi.pdf", "x", minimal_pdf("Klaim garansi lewat aplikasi.")))
    assert parsed.errors == [] and parsed.entries[0].kind == "doc"


def test_chunking_faq_ticket_and_long_page() -> None:
    (faq,) = faq_markdown.parse("faq/a.md", faq_md("a", "Tanya?", "Jawab.", variants=["tanya lain"])).entries
    assert [part for part, _ in chunk_entry(faq, 900, 150)] == ["question", "variant", "answer"]
    body = "# Judul\n\n## Bagian A\n" + " ".join(f"Kalimat nomor {i} tentang retur." for i in range(200))
    (page,) = docs.parse("docs/long.md", body).entries
    pieces = chunk_entry(page, 400, 80)
    assert len(pieces) > 5
    assert all(len(text) <= 400 for _, text in pieces)
    assert all(text.startswith("Judul > Bagian A\n") for _, text in pieces)
    # consecutive windows overlap so a sentence cut at a boundary stays findable
    assert pieces[0][1].split("\n", 1)[1][-40:].split()[-1] in pieces[1][1]
