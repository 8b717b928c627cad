"""What the bot itself says (not knowledge): handoff notices, framing, apologies, in both languages.

The wording follows the source articles: acknowledge and empathise first (H.E.A.R.D.), promise only
what will happen (a person will read the whole conversation), move sensitive matters to a private channel.
"""

from __future__ import annotations

HANDOFF = {
    "low_confidence": {
        "id": "Maaf, saya belum menemukan jawaban yang pasti untuk pertanyaan Anda, dan saya tidak mau menebak. "
        "Percakapan ini saya teruskan ke agen kami; seluruh riwayatnya ikut terkirim, jadi Anda tidak perlu "
        "mengulang cerita.",
        "en": "Sorry, I could not find a reliable answer to your question, and I would rather not guess. "
        "I am passing this conversation to one of our agents; they will see everything you wrote, so you "
        "will not need to repeat yourself.",
    },
    "human_request": {
        "id": "Baik, saya sambungkan Anda dengan agen kami. Seluruh percakapan ini ikut diteruskan, jadi Anda "
        "tidak perlu menjelaskan ulang.",
        "en": "Of course, I am connecting you with one of our agents. They will see this whole conversation, "
        "so you will not need to explain again.",
    },
    "frustration": {
        "id": "Mohon maaf atas pengalaman yang tidak menyenangkan ini. Kami paham situasinya membuat kesal, dan "
        "Anda berhak mendapat penanganan langsung. Saya teruskan sekarang ke agen kami bersama seluruh riwayat "
        "percakapan, jadi Anda tidak perlu mengulang cerita.",
        "en": "I am sorry for this frustrating experience. I understand why you are upset, and you deserve "
        "direct help. I am handing this conversation to one of our agents now, with everything you wrote, "
        "so you will not need to repeat yourself.",
    },
    "sensitive": {
        "id": "Terima kasih sudah memberi tahu kami. Masalah seperti ini kami tangani langsung oleh agen lewat "
        "saluran privat demi keamanan Anda. Sambil menunggu, jangan bagikan kata sandi atau kode OTP kepada "
        "siapa pun. Saya teruskan percakapan ini ke agen sekarang.",
        "en": "Thank you for telling us. For your safety, matters like this are handled directly by an agent "
        "in a private channel. Meanwhile, please do not share your password or any OTP code with anyone. "
        "I am passing this conversation to an agent now.",
    },
}

APOLOGY = {
    "id": "Mohon maaf atas ketidaknyamanannya. ",
    "en": "I am sorry for the inconvenience. ",
}

CROSS_LANGUAGE = {
    ("en", "id"): "Here is what our help centre says (in Indonesian):\n\n",
    ("id", "en"): "Berikut informasi dari pusat bantuan kami (dalam bahasa Inggris):\n\n",
}

ERROR = {
    "id": "Maaf, terjadi gangguan di sistem kami. Pesan Anda sudah tercatat; silakan coba lagi sebentar lagi "
    "atau pilih Hubungi agen.",
    "en": "Sorry, something went wrong on our side. Your message has been recorded; please try again shortly "
    "or choose Talk to an agent.",
}
