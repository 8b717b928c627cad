"""Handoff reasons recognised by meaning: a message close to a known way of saying "I want a person" or
"my account was taken over" hands off even when no rule's wording matches.

The rules in :mod:`app.answer.signals` catch the usual phrasings exactly; customers find endless others
("pengen curhat ke orang beneran", "uang saya raib dari saldo"). Each reason has example messages here,
embedded once like queries; a message whose best similarity reaches the reason's bar gets that reason.
The bars were chosen on the eval set's train split (README § Evaluation).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from app.components.embedding import Embedder, Vectors

SemanticReason = Literal["sensitive", "human_request"]

EXEMPLARS: dict[SemanticReason, tuple[str, ...]] = {
    "sensitive": (
        "akun saya dibobol orang",
        "akun saya diretas dan dipakai belanja orang lain",
        "ada orang lain yang masuk ke akun saya",
        "password akun saya diganti orang tanpa izin",
        "email dan nomor hp di akun saya diubah orang",
        "saldo saya hilang, ada yang pakai akun saya",
        "uang di saldo rimbun saya raib tiba-tiba",
        "ada transaksi yang tidak pernah saya lakukan",
        "kartu kredit saya dipakai belanja di rimbun tanpa sepengetahuan saya",
        "tagihan paylater muncul padahal saya tidak belanja",
        "saya sudah kasih kode otp ke orang yang menelepon",
        "saya tertipu orang yang mengaku dari rimbun",
        "saya transfer ke penipu yang ngaku kurir",
        "ada yang ngaku admin rimbun minta saya transfer",
        "saya akan lapor polisi",
        "saya akan menuntut rimbun ke pengadilan",
        "pengacara saya akan kirim somasi",
        "saya laporkan ke ylki dan bpsk",
        "data pribadi saya bocor dan disalahgunakan",
        "kurir rimbun melecehkan saya",
        "kurir mengancam saya",
        "my account was hacked",
        "someone else is using my account",
        "there are charges on my card that I did not make",
        "I gave my OTP code to a caller pretending to be Rimbun",
        "I was scammed by someone claiming to be your staff",
        "I will take legal action against Rimbun",
        "my personal data was leaked",
    ),
    "human_request": (
        "saya mau bicara dengan orang, bukan bot",
        "sambungkan saya ke customer service",
        "tolong alihkan ke agen manusia",
        "mau chat langsung sama cs",
        "saya ingin ditangani petugas",
        "bisa saya ngobrol dengan admin asli",
        "panggilkan operator",
        "saya butuh bantuan manusia",
        "jangan bot, mau orang beneran",
        "minta dihubungkan ke staf rimbun",
        "I want to talk to a human",
        "connect me to a real person",
        "let me speak with an agent",
        "transfer me to customer service",
        "I need a live agent",
    ),
}
# Lowest similarity to a reason's examples that gets its handoff, chosen on the eval train split.
# (train: sensitive 0.92 → 4 of 17 found by meaning alone, 1 false alarm in 246; human_request 0.905 → 10 of 16, 1.)
BARS: dict[SemanticReason, float] = {"sensitive": 0.92, "human_request": 0.905}


# The examples' vectors per embedder fingerprint: embedded once per process, shared by every engine.
_EMBEDDED: dict[str, dict[SemanticReason, Vectors]] = {}


class ExemplarMatcher:
    """Compares a message with each reason's examples (embedded once, lazily)."""

    def __init__(self, embedder: Embedder, bars: dict[SemanticReason, float] | None = None) -> None:
        self._embedder = embedder
        self._bars = bars or BARS

    def similarities(self, message: Vectors) -> dict[SemanticReason, float]:
        """Best similarity of a message (its query embedding) to each reason's examples."""
        key = self._embedder.fingerprint
        if key not in _EMBEDDED:
            _EMBEDDED[key] = {reason: self._embedder.embed_questions(list(t)) for reason, t in EXEMPLARS.items()}
        return {reason: float(np.max(vectors @ message)) for reason, vectors in _EMBEDDED[key].items()}

    def reason(self, message: Vectors) -> SemanticReason | None:
        """The reason whose bar the message (its query embedding) reaches by the widest margin, if any."""
        margins = {r: s - self._bars[r] for r, s in self.similarities(message).items()}
        best = max(margins, key=lambda r: margins[r])
        return best if margins[best] >= 0 else None
