"""A synthetic knowledge base of any size, in the real formats, for benchmarks.

Entries are varied Indonesian FAQ-like texts built from topic, object and question-word pools,
so no two entries are identical and the keyword index sees a realistic vocabulary.
"""

from __future__ import annotations

import random
from pathlib import Path

TOPICS = [
    ("pengembalian-refund", "mengembalikan", "refund"),
    ("pengiriman", "melacak", "paket"),
    ("pembayaran", "membayar", "tagihan"),
    ("akun", "mengubah", "profil"),
    ("promo", "memakai", "voucher"),
    ("keamanan-akun", "mengamankan", "akun"),
    ("produk-garansi", "mengklaim", "garansi"),
    ("kontak-layanan", "menghubungi", "layanan"),
]
OBJECTS = [
    "sepatu lari",
    "ponsel",
    "kulkas",
    "kemeja batik",
    "buku resep",
    "kamera",
    "laptop",
    "blender",
    "tas ransel",
    "jam tangan",
    "sepeda lipat",
    "kasur lipat",
    "helm",
    "panci presto",
    "speaker",
    "kompor",
]
ASKS = ["Bagaimana cara", "Apakah saya bisa", "Berapa lama proses", "Kenapa saya tidak bisa", "Di mana saya bisa"]
DETAILS = [
    "lewat aplikasi",
    "setelah 7 hari",
    "dengan kartu kredit",
    "untuk pesanan COD",
    "saat promo 12.12",
    "dari luar Jawa",
    "di akhir pekan",
    "tanpa nota",
    "untuk barang pre-order",
    "dengan voucher ongkir",
]


def write_synthetic(root: Path, entries: int, seed: int = 7) -> Path:
    """Write ``entries`` FAQ Markdown files under ``root/faq`` (100 folders); returns ``root``."""
    rng = random.Random(seed)
    for n in range(entries):
        category, verb, noun = TOPICS[n % len(TOPICS)]
        thing, detail, ask = rng.choice(OBJECTS), rng.choice(DETAILS), rng.choice(ASKS)
        question = f"{ask} {verb} {noun} {thing} {detail}? (kasus {n})"
        answer = (
            f"Untuk {noun} {thing} {detail}, buka menu Pesanan Saya lalu pilih {verb} {noun}. "
            f"Proses biasanya selesai dalam {rng.randint(1, 7)} hari kerja; tim kami mengabari lewat e-mail. "
            f"Jika ada kendala, hubungi CS lewat chat dan sebutkan kode kasus {n}."
        )
        folder = root / "faq" / f"bagian-{n % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"sintetis-{n}.md").write_text(
            f"---\nid: sintetis-{n}\nquestion: {question}\nvariants:\n  - {noun} {thing} {detail} gmn\n"
            f"category: {category}\nlang: id\ntags: [sintetis]\n---\n{answer}\n",
            encoding="utf-8",
        )
    return root
