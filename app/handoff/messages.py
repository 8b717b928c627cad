"""What the handoff says to customers, in Indonesian and English.

Following the source articles: promise only what will happen (a queue position and an honest estimate,
not "right away"), let urgent matters reach a person live and less urgent ones go by e-mail, and ask
for contact details only when the chosen channel needs them.
"""

from __future__ import annotations

from app.store.records import ContactChannel


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in ``lang`` (Indonesian unless English)."""
    return texts["en" if lang == "en" else "id"]


def queue_notice(position: int, wait: str, lang: str) -> str:
    """In business hours: an agent will join; the queue position and the expected wait."""
    if lang == "en":
        return (
            f"An agent will join this chat. You are number {position} in the queue; the expected wait is "
            f"{wait}. You can keep this window open; no contact details are needed. If you would rather not "
            "wait, you can ask for a call back or an e-mail reply instead."
        )
    return (
        f"Agen kami akan bergabung di obrolan ini. Anda berada di antrean nomor {position}, perkiraan waktu "
        f"tunggu {wait}. Biarkan jendela ini tetap terbuka; Anda tidak perlu mengisi data kontak. Jika tidak "
        "ingin menunggu, Anda juga bisa memilih ditelepon balik atau dibalas lewat e-mail."
    )


def closed_notice(opening_hours: str, next_opening: str | None, lang: str) -> str:
    """Outside business hours: offer a callback or an e-mail follow-up, stating the opening hours."""
    if lang == "en":
        when = f" (next: {next_opening})" if next_opening else ""
        return (
            f"Our agents are not on duty right now; they work {opening_hours}{when}. Choose how we should "
            "follow up: a phone call back (leave your number and a time that suits you) or a reply by e-mail. "
            "Your conversation is saved, so you will not need to explain again."
        )
    when = f" (berikutnya: {next_opening})" if next_opening else ""
    return (
        f"Saat ini agen kami sedang tidak bertugas; jam layanan kami {opening_hours}{when}. Silakan pilih cara "
        "kami menindaklanjuti: ditelepon balik (tuliskan nomor telepon dan waktu yang Anda inginkan) atau "
        "dibalas lewat e-mail. Percakapan ini sudah tersimpan, jadi Anda tidak perlu menjelaskan ulang."
    )


OFFER_INTRO = {
    "id": "Baik, saya teruskan percakapan ini ke agen kami. Seluruh riwayatnya ikut terkirim.",
    "en": "Of course, I am passing this conversation to our agents, with everything you wrote.",
}

WAITING_ACK = {
    "id": "Pesan Anda sudah kami tambahkan ke percakapan ini. Agen akan membacanya saat menangani kasus Anda.",
    "en": "Your message has been added to this conversation. The agent will read it when they take your case.",
}


def with_agent_ack(agent: str | None, lang: str) -> str:
    """While an agent handles the chat: the message reached them (and nothing more is promised)."""
    if lang == "en":
        return f"Your message has been passed to {agent or 'the agent'}."
    return f"Pesan Anda sudah diteruskan ke {agent or 'agen'}."


def too_long(length: int, limit: int, lang: str) -> str:
    """A polite refusal of an over-long message."""
    if lang == "en":
        return (
            f"Sorry, your message is too long ({length:,} characters). Please shorten it to at most {limit:,} "
            "characters, or choose Talk to an agent."
        )
    count, most = f"{length:,}".replace(",", "."), f"{limit:,}".replace(",", ".")
    return (
        f"Maaf, pesan Anda terlalu panjang ({count} karakter). Mohon ringkas menjadi paling banyak {most} "
        "karakter, atau pilih Hubungi agen."
    )


def channel_confirmation(channel: ContactChannel, in_hours: bool, lang: str) -> str:
    """Confirms the chosen follow-up channel; never repeats the contact details themselves."""
    en = lang == "en"
    if channel == "live":
        return (
            "Thank you. Please keep this window open; an agent will reply here."
            if en
            else "Terima kasih. Biarkan jendela ini tetap terbuka; agen akan membalas di sini."
        )
    timing = ("as soon as an agent is free" if en else "segera setelah agen tersedia") if in_hours else None
    timing = timing or ("during our next opening hours" if en else "pada jam layanan berikutnya")
    if channel == "callback":
        return (
            f"Thank you, your number has been saved with your case. An agent will call you {timing}."
            if en
            else f"Terima kasih, nomor Anda sudah tersimpan di kasus Anda. Agen kami akan menelepon {timing}."
        )
    return (
        f"Thank you, your e-mail address has been saved with your case. An agent will reply by e-mail {timing}."
        if en
        else f"Terima kasih, alamat e-mail Anda sudah tersimpan di kasus Anda. Agen kami akan membalas lewat "
        f"e-mail {timing}."
    )


LIVE_CLOSED = {
    "id": "Obrolan langsung dengan agen hanya tersedia pada jam layanan ({hours}). Silakan pilih ditelepon balik "
    "atau dibalas lewat e-mail.",
    "en": "Live chat with an agent is only available during our opening hours ({hours}). Please choose a call "
    "back or an e-mail reply instead.",
}

RETURNED_TO_BOT = {
    "id": "Agen telah menyerahkan percakapan ini kembali ke asisten otomatis. Silakan lanjutkan bertanya kapan "
    "saja, atau pilih Hubungi agen bila perlu.",
    "en": "The agent has handed this conversation back to the automatic assistant. Feel free to ask anything, "
    "or choose Talk to an agent if you need one.",
}

RESOLVED = {
    "id": "Agen telah menandai percakapan ini selesai. Terima kasih sudah menghubungi kami; jika masih ada "
    "pertanyaan, silakan tulis lagi.",
    "en": "The agent has marked this conversation as solved. Thank you for contacting us; if anything is "
    "still unclear, just write again.",
}

ALREADY_QUEUED = {
    "id": "Permintaan Anda sudah tercatat dan percakapan ini sudah ada di antrean agen.",
    "en": "Your request is already recorded and this conversation is in the agents' queue.",
}

ALREADY_WITH_AGENT = {
    "id": "Agen {agent} sudah menangani percakapan ini; silakan tulis pesan Anda di sini.",
    "en": "Agent {agent} is already handling this conversation; just write your message here.",
}

UNKNOWN_CHANNEL = {
    "id": "Pilihan itu tidak tersedia. Silakan pilih obrolan langsung, ditelepon balik, atau e-mail.",
    "en": "That option is not available. Please choose live chat, a call back, or e-mail.",
}
