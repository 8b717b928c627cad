"""Deterministic reading of a customer message: wants a human? angry? sensitive? an injection attempt?

Rules work on normalised text (:func:`app.components.text.normalise`), so slang and typos such as
``mau ngomong sm cs`` are read like ``mau ngomong sama cs``. The source articles ask for exactly this:
urgent or emotional matters go to a person, disputes move to a private channel, and the bot never
pretends to handle what it should not (account takeover, fraud, legal threats).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.components.text import normalise
from app.settings import DEFAULT_SENSITIVE

_WANT = (
    r"(?:mau|ingin|pengen|pingin|minta|tolong|bisa|boleh|perlu|butuh|please|pls|can i|could i|i want to|i need to|"
    r"let me|i would like to|id like to|can you|could you)"
)
_TALK = (
    r"(?:bicara|ngomong|ngobrol|berbicara|chat|hubungi|dihubungkan|hubungkan|sambungkan|disambungkan|sambungin|"
    r"oper|dioper|operin|alihkan|dialihkan|telepon|telpon|nelpon|talk|speak|connect|transfer|nanya|tanya|"
    r"bertanya|lapor|ngadu|minta tolong|dilayani|dibantu|put me through|escalate|eskalasi)"
)
_PERSON = (
    r"(?:cs|agen|agent|admin|manusia|orang|operator|petugas|staf|staff|human|person|someone|representative|"
    r"customer service|layanan pelanggan|orang asli|cs asli|real person|live agent|member of your|supervisor|"
    r"atasan|perwakilan|yang jaga|someone from|actual person|orangnya)"
)
HUMAN_REQUEST = [
    re.compile(rf"\b{_WANT}\b.{{0,30}}\b{_TALK}\b.{{0,25}}\b{_PERSON}\b"),
    re.compile(rf"\b{_TALK}\b.{{0,12}}\b(?:dengan|sama|ke|to|with|me with)\b.{{0,20}}\b{_PERSON}\b"),
    re.compile(
        r"^(?:(?:minta|mau|tolong|please)\s+)?(?:cs|agen|agent|operator|human|manusia|admin|petugas|"
        r"live agent|real person|human please|hubungi agen)(?:\s+(?:dong|aja|saja|please|pls|ya))*$"
    ),
    re.compile(r"\b(?:bukan|not|no|jangan|tanpa)\b.{0,10}\b(?:bot|robot|mesin|machine|chatbot)\b"),
    re.compile(r"\b(?:langsung|aja|saja)\b.{0,8}\b(?:ke|sama|dengan)\b.{0,6}\b(?:cs|agen|petugas|manusia|orang)\b"),
    # "is anybody there?", "where is the CS? only the bot answers", "stop the bot"
    re.compile(
        r"^(?:(?:halo|hallo|hello|hi|kak|min|permisi)\s+)*(?:ada orang(?:nya)?|is (?:anybody|anyone|someone) there|"
        r"any humans?)(?:\s+(?:di sana|disana|di situ|gak|nggak|ga|tidak|here|at all))*\s*\??$|"
        r"\b(?:cs|admin|agen|petugas|operator)\s?nya (?:mana|ke mana|kemana)\b|"
        r"\b(?:dijawab|dibales|dibalas|answered by|talking to)\b.{0,10}\b(?:bot|robot|mesin|machine)\b|"
        r"\bstop (?:the )?bot\b"
    ),
]
# "How do I reach a human?" is a question for the FAQ, not a request to be transferred now.
HOW_TO = re.compile(
    r"\bkalau\b.{0,12}\b(?:dioper|dialihkan|disambungkan|dihubungkan|ditransfer)\b|\b(?:bagaimana|gimana) cara|"
    r"^cara\b|\bhow to\b|"
    r"\bcara (?:\w+ )?(?:menghubungi|hubungi|bicara|ngobrol|lapor|melapor|mengamankan)|"
    r"\bharus ketik apa|\bhow (?:do|can|should) i\b|\bwhat should i do if\b|\bkalau suatu saat\b|\bseandainya\b|"
    r"\bjika suatu saat\b|\bapakah (?:bisa|perlu)\b|\bemang perlu\b|\bperlu (?:kasih|memberi|memberikan)\b"
)

INSULTS = frozenset(
    """
    bodoh goblok goblog tolol anjing anjir anjrit bangsat brengsek sialan kampret bego idiot stupid bajingan
    tai taik asu jancuk sampah
    """.split()  # noqa: SIM905 - a word list reads best as text
)
ANGER_WORDS = frozenset(
    """
    kecewa parah payah kesal kesel marah jengkel nyebelin sebel lelet lemot gila keterlaluan mengecewakan
    menyebalkan ngeselin zonk muak capek cape kapok benci worst terrible awful ridiculous unacceptable useless
    angry furious frustrated disappointed pathetic joke hate unbelievable seriously woy woi penipu
    """.split()  # noqa: SIM905 - a word list reads best as text
)
REPEATED_COMPLAINT = re.compile(
    r"\b(?:berkali kali|sudah \d+ ?x|\d+ ?x (?:nanya|tanya|komplain|chat)|\d+ kali|dua kali|tiga kali|"
    r"kesekian kali|lagi lagi|lempar lempar\w*|again and again|many times|second time|third time|copy paste|"
    r"pelayanan macam apa|tidak ada yang tanggung jawab|still the same)\b"
)
WAITING_COMPLAINT = re.compile(
    r"\b(?:dari kemarin|dari minggu lalu|dari tadi|sampai sekarang|tidak ada jawaban|tidak dijawab|"
    r"tidak direspon|tidak ada respon|tidak dibalas|tidak dibales|tidak ada yang balas|masih belum juga|sejam|"
    r"berjam jam|berhari hari|seharian|still not|no one answers|nobody replied|for days|tidak ada apa apa)\b"
)
THREATS = re.compile(
    r"\b(?:viral|viralin|sebar|laporin|review bintang 1|bintang satu|1 star|one star|uninstall|"
    r"mending belanja di tempat lain|pindah ke|tidak akan belanja lagi|never shop|never buy)\b"
)
ACRONYMS = frozenset(
    [
        "COD",
        "OTP",
        "CS",
        "KTP",
        "NIK",
        "VA",
        "PIN",
        "WIB",
        "SMS",
        "BCA",
        "BNI",
        "BRI",
        "JNE",
        "PDF",
        "ID",
        "OK",
        "WA",
        "HP",
        "QRIS",
        "ATM",
    ]
)

# Incidents that always need a person, whatever the configured topic list says.
SENSITIVE_INCIDENTS = [
    (
        "otp_shared",
        re.compile(
            r"\b(?:sudah|barusan|terlanjur|tadi|already|just)\b.{0,25}\b(?:kasih|kasihkan|kasi|berikan|sebut|"
            r"sebutin|sebutkan|share|gave|given|told)\b.{0,25}\b(?:kode|kodenya|otp|code|pin)\b|"
            r"\b(?:kirim|kirimkan|sent)\b.{0,10}\b(?:kode|kodenya|otp|code)\b.{0,10}\b(?:ke|to)\b.{0,6}"
            r"\b(?:orang|dia|mereka|nomor|someone|him|them)\b|"
            r"\b(?:kode|otp|code)\b.{0,20}\b(?:sudah|udah) (?:aku|saya|sy|gw) (?:kasih|berikan|kirim)|"
            r"\b(?:kode )?otp (?:saya|aku|ku|gw)\b.{0,20}\b\d{4,8}\b"
        ),
    ),
    (
        "account_takeover",
        re.compile(
            r"\b(?:login|masuk|log in|logged into|pakai|pake|dipakai|dipake|dibajak|diambil alih|akses)\b.{0,20}"
            r"\b(?:akun|account)\b.{0,10}\b(?:saya|aku|ku|gw|my)\b.{0,40}"
            r"(?:orang|bukan saya|tanpa izin|someone|another)|"
            r"\b(?:ada (?:yang|orang)|someone)\b.{0,20}\b(?:login|masuk|logged|log in|accessed)\b.{0,15}"
            r"\b(?:akun|account)\b|"
            r"\b(?:diganti|diubah|changed) (?:orang|oleh orang|by someone)|\btanpa (?:izin|ijin|sepengetahuan)\b|"
            r"\b(?:akun|account) (?:saya|aku|ku|gw|my) (?:dipakai|dipake|digunakan|used) (?:orang|by)"
        ),
    ),
    (
        "unknown_transaction",
        re.compile(
            r"\b(?:bukan saya|bukan aku|bukan gw|tidak pernah saya|not me|i did not make|i didnt make|"
            r"i never made|i never ordered|tidak saya buat|yang tidak saya)\b"
        ),
    ),
    (
        "impersonation_scam",
        re.compile(
            r"\b(?:ngaku|mengaku|ngakunya|pretending to be|fake|palsu)\b.{0,30}\b(?:admin|cs|kurir|rimbun|petugas|"
            r"customer service|whatsapp|account)\b.{0,60}\b(?:transfer|bayar|paid|kasih|scammed|tertipu|ditipu|kena)|"
            r"\b(?:transfer|bayar|paid)\b.{0,60}\b(?:ngaku|mengaku|ngakunya|pretending to be|fake|palsu)\b|"
            r"\b(?:scammed|tertipu|kena tipu|jadi korban)\b"
        ),
    ),
    ("legal", re.compile(r"\b(?:consumer protection|report you|lapor(?:kan)? ke (?:polisi|ylki|bpsk|ojk))\b")),
]


INJECTION = [
    re.compile(
        r"\b(?:abaikan|lupakan|ignore|disregard|forget)\b.{0,40}\b(?:instruksi\w*|perintah\w*|aturan\w*|prompt|"
        r"instructions?|rules?|previous|sebelumnya|above)\b"
    ),
    # "from now on you must ...": a new rule for the bot (a plain "from now on, answer in English" is not one)
    re.compile(
        r"\b(?:mulai sekarang|dari sekarang|from now on)\b.{0,12}\b(?:kamu|anda|lu|lo|you)\s+"
        r"(?:wajib|harus|hanya boleh|must|have to|will always|are|adalah|jadi)\b"
    ),
    re.compile(r"\b(?:system prompt|prompt sistem|developer mode|jailbreak|dan mode)\b"),
    re.compile(r"\b(?:kamu|anda|you|lu|lo)\s+(?:sekarang|now|are now)\b|\b(?:act as|berpura pura|pretend to be)\b"),
    re.compile(
        r"\b(?:tunjukkan|tampilkan|bocorkan|reveal|show|print|tell me)\b.{0,30}\b(?:instruksi|prompt|instructions)"
    ),
]


@dataclass(frozen=True)
class MessageSignals:
    """What the rules read in one message (with its conversation)."""

    human_request: bool
    sensitive: str | None  # the matched topic
    anger: float  # 0..1
    repeated: bool  # the same question again after the bot answered it
    injection: bool
    how_to: bool = False  # asks *how* something works ("how do I reach a human?"), not for it to happen

    @property
    def frustrated(self) -> bool:
        return self.repeated or self.anger >= 0.5


def read_signals(
    message: str, history: Sequence[dict[str, str]] = (), sensitive_topics: Sequence[str] = DEFAULT_SENSITIVE
) -> MessageSignals:
    """Read a customer message in the light of the earlier turns."""
    text = normalise(message)
    how_to = bool(HOW_TO.search(text))
    return MessageSignals(
        human_request=not how_to and any(p.search(text) for p in HUMAN_REQUEST),
        sensitive=None if how_to else _sensitive(text, sensitive_topics),
        anger=anger_score(message),
        repeated=_asked_again(text, history),
        injection=any(p.search(text) for p in INJECTION),
        how_to=how_to,
    )


def anger_score(message: str) -> float:
    """0..1 from insults, anger words, shouting, !!!/??? runs, threats and repeated complaints."""
    text = normalise(message)
    words = text.split()
    score = 0.6 * min(1, sum(w in INSULTS for w in words))
    score += 0.3 * min(2, sum(w in ANGER_WORDS for w in words))
    shouted = [w for w in re.findall(r"[A-Za-z]{2,}", message) if w.isupper() and w not in ACRONYMS]
    letters = [c for c in message if c.isalpha()]
    if len(shouted) >= 3 or (len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8):
        score += 0.35
    if re.search(r"[!?]{3,}|\?!|!\?", message):
        score += 0.2
    if REPEATED_COMPLAINT.search(text):
        score += 0.5
    elif WAITING_COMPLAINT.search(text):
        score += 0.25
    if THREATS.search(text):
        score += 0.4
    return min(1.0, score)


_CLAUSE = re.compile(r"(?<=[.!?\n])\s+|[,;:]\s*|\s+(?:dan|and|lalu|terus|then|trus|kemudian)\s+", re.IGNORECASE)


_ASKS = re.compile(
    r"\?|\b(?:apa|apakah|bagaimana|gimana|berapa|kapan|kenapa|mengapa|dimana|mana|bisa|boleh|bisakah|cara|"
    r"kasih tahu|kasih tau|info|how|what|when|where|why|which|can|could|is|are|do|does|tell me)\b"
)


def is_question(text: str) -> bool:
    """Does the text ask something (rather than order the bot to do something)?"""
    return bool(_ASKS.search(text.lower()))


def strip_injection(message: str) -> str:
    """The message without the clauses that try to give the bot instructions (the real question stays)."""
    clauses = [c for c in _CLAUSE.split(message) if c and c.strip()]
    kept = [c for c in clauses if not any(p.search(normalise(c)) for p in INJECTION)]
    return " ".join(kept).strip()


def _sensitive(text: str, topics: Sequence[str]) -> str | None:
    padded = f" {text} "
    for topic in topics:
        if f" {normalise(topic)} " in padded:
            return topic
    return next((name for name, pattern in SENSITIVE_INCIDENTS if pattern.search(text)), None)


def _asked_again(text: str, history: Sequence[dict[str, str]]) -> bool:
    """True when an earlier customer turn, already answered by the bot, asked nearly the same thing."""
    tokens = set(text.split())
    if len(tokens) < 3:
        return False
    for i, turn in enumerate(history):
        answered = any(later["role"] == "assistant" for later in history[i + 1 :])
        if turn["role"] == "user" and answered:
            earlier = set(normalise(turn["content"]).split())
            if earlier and len(tokens & earlier) / len(tokens | earlier) >= 0.6:
                return True
    return False
