"""Handoff reasons recognised by meaning: a message that reads like "I want a person", "my account was taken
over" or "I have had enough" hands off even when no rule's wording matches.

The rules in :mod:`app.answer.signals` catch the usual phrasings exactly; customers find endless others
("pengen curhat ke orang beneran", "uang saya raib dari saldo"). For each reason a small logistic model
(over query embeddings) tells its example messages below from the ways the knowledge's own questions are
asked (the entries' questions and variants that the rules do not read as that reason), from the other
reasons' examples and from :data:`ANSWERABLE` messages (mild complaints with a clear question, how-to
questions about sensitive matters), which a person need not handle. Fitted per index generation, so it
knows the questions of *this* knowledge; a message whose probability reaches the reason's bar gets that
reason. The penalty and the bars were chosen on the eval set's train split (README § Evaluation).
"""

from __future__ import annotations

import threading
from typing import Literal

import numpy as np

from app.answer.signals import MessageSignals, read_signals
from app.components.embedding import Embedder, Vectors, embedded_questions
from app.components.logistic import balanced_weights, fit_logistic_regression, sigmoid
from app.retrieval.live_index import LiveIndex, Snapshot

SemanticReason = Literal["sensitive", "human_request", "frustration"]

EXEMPLARS: dict[SemanticReason, tuple[str, ...]] = {
    "sensitive": (
        "akun saya dibobol orang",
        "akun saya diretas dan dipakai belanja orang lain",
        "ada orang lain yang masuk ke akun saya",
        "password akun saya diganti orang tanpa izin",
        "email dan nomor hp di akun saya diubah orang",
        "saya tidak bisa login karena akun saya diambil alih",
        "akunku kayaknya dibajak, ada pesanan yang gak aku buat",
        "ada notifikasi login dari kota lain padahal saya di rumah",
        "tiba-tiba saya ter-logout dan kata sandinya sudah tidak cocok",
        "alamat pengiriman di akun saya berubah sendiri",
        "akun gw dipake orang buat checkout",
        "saldo saya hilang, ada yang pakai akun saya",
        "uang di saldo rimbun saya raib tiba-tiba",
        "saldo rimbun saya terkuras habis",
        "ada transaksi yang tidak pernah saya lakukan",
        "kartu kredit saya dipakai belanja di rimbun tanpa sepengetahuan saya",
        "tagihan paylater muncul padahal saya tidak belanja",
        "limit paylater saya habis dipakai orang",
        "rekening saya terpotong untuk pesanan yang bukan milik saya",
        "koin dan voucher saya habis dipakai orang lain",
        "saya sudah kasih kode otp ke orang yang menelepon",
        "saya tertipu orang yang mengaku dari rimbun",
        "saya transfer ke penipu yang ngaku kurir",
        "ada yang ngaku admin rimbun minta saya transfer",
        "saya klik link hadiah palsu lalu isi data kartu",
        "saya kena tipu penjual, barang tidak pernah ada dan uang sudah ditransfer di luar aplikasi",
        "orang yang mengaku cs minta saya install aplikasi lalu rekening saya terkuras",
        "saya diminta bayar biaya admin untuk klaim hadiah dan sudah terlanjur bayar",
        "pin saya sudah saya sebutkan ke penelepon",
        "saya akan lapor polisi",
        "saya akan menuntut rimbun ke pengadilan",
        "pengacara saya akan kirim somasi",
        "saya laporkan ke ylki dan bpsk",
        "kasus ini akan saya bawa ke ranah hukum",
        "saya akan adukan ke ojk",
        "saya wartawan, ingin konfirmasi soal kebocoran data",
        "data pribadi saya bocor dan disalahgunakan",
        "nomor saya disebar dan saya diteror",
        "kurir rimbun melecehkan saya",
        "kurir mengancam saya",
        "penjual menghina dan mengancam saya lewat chat",
        "saya mendapat pelecehan dari petugas pengiriman",
        "barang yang saya terima berbahaya dan melukai anak saya",
        "produknya meledak dan menyebabkan kebakaran",
        "my account was hacked",
        "someone else is using my account",
        "someone changed my password and email",
        "there are charges on my card that I did not make",
        "my balance was drained without my permission",
        "I gave my OTP code to a caller pretending to be Rimbun",
        "I was scammed by someone claiming to be your staff",
        "I will take legal action against Rimbun",
        "my lawyer will contact you",
        "I am filing a police report",
        "my personal data was leaked",
        "the courier threatened me",
        "the product caught fire and injured my child",
        "ada yang belanja pakai akun saya waktu saya tidur",
        "nomor hp saya dipakai orang untuk daftar paylater",
        "ktp saya disalahgunakan orang untuk pinjaman di rimbun",
        "riwayat pesanan saya ada barang yang tidak pernah saya beli",
        "kartu debit saya kebobolan lewat transaksi rimbun",
        "penipu tahu data pesanan saya, dari mana dia dapat",
        "saya dapat kode otp padahal tidak login, lalu akun saya berubah",
        "I see orders in my history that I never placed",
        "someone used my paylater limit without asking me",
        "I am going to sue you",
        "akun gw kena hek, semua data diganti",
        "kayaknya ada yang bobol akunku, saldo tinggal nol",
        "tiba-tiba nomor hp di profil saya jadi nomor orang lain",
        "email pemulihan akun saya bukan email saya lagi",
        "saya dapat sms otp padahal tidak minta, terus tidak bisa masuk akun",
        "akun saya login di hp lain dan saya ke-logout sendiri",
        "kena sim swap, nomor saya dipindah orang ke kartu baru",
        "ada cicilan paylater atas nama saya yang tidak pernah saya ajukan",
        "kartu kredit saya ditagih belanjaan rimbun padahal saya tidak transaksi",
        "mutasi rekening ada potongan ke rimbun yang saya tidak tahu",
        "ini kode otp yang masuk ke hp saya: 739201",
        "tadi saya ketik nomor kartu dan cvv di situs yang mirip rimbun",
        "mama saya ditelepon ngaku kurir terus disuruh sebutin kode dari sms",
        "saya jadi korban phishing, login di web palsu rimbun",
        "saya install apk undangan dari kurir, sekarang m-banking saya terkuras",
        "penjual minta transfer di luar aplikasi, uang sudah saya kirim tapi barangnya tidak ada",
        "saya sudah bikin laporan ke polres soal penipuan ini",
        "kalau tidak diganti, saya gugat ke pengadilan negeri",
        "saya minta pendampingan lbh untuk kasus ini",
        "ktp saya dipakai daftar paylater rimbun oleh orang lain",
        "debt collector pinjol neror saya karena data saya bocor dari sini",
        "foto ktp dan selfie saya tersebar di grup facebook",
        "tolong bekukan akun saya sekarang, hp saya dicuri",
        "blokir paylater saya, ada yang pakai buat belanja",
        "kurirnya ngancam mau nyebarin alamat rumah saya",
        "akun toko saya diambil alih dan rekening penarikannya diganti",
        "someone ported my number and got into my account",
        "my credit card shows a Rimbun purchase I never made",
        "I typed my card details into a fake Rimbun page",
        "I'm going to report this to the consumer protection agency",
        "my ID card photo is being sold online after I uploaded it here",
        "please lock my account, I think someone has my password",
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
        "oper ke cs aja deh",
        "saya lebih suka dilayani manusia",
        "ada cs yang bisa bantu saya sekarang?",
        "tolong teruskan ke tim yang menangani",
        "masalah saya harus dicek orang, tolong sambungkan",
        "minta agen yang pegang kasus saya",
        "saya mau komplain langsung ke petugas",
        "bisa minta tolong admin cek pesanan saya langsung",
        "kak tolong panggil cs nya",
        "aku mau curhat ke orang beneran aja",
        "sudahlah, sambungkan ke supervisor",
        "chat sama robot bikin pusing, mana orangnya",
        "bot ini tidak membantu, saya mau agen",
        "I want to talk to a human",
        "connect me to a real person",
        "let me speak with an agent",
        "transfer me to customer service",
        "I need a live agent",
        "can someone from your team help me directly",
        "please get a human to look at my order",
        "is there a real person I can chat with",
        "put me through to your support staff",
        "escalate this to a supervisor please",
        "saya perlu bicara dengan manajer",
        "tolong eskalasi ke atasan kamu",
        "boleh minta disambungkan ke bagian keluhan",
        "I would like to speak to a manager",
        "get me someone who can actually decide",
    ),
    "frustration": (
        "saya sudah tanya berkali-kali tapi tidak ada jawaban yang jelas",
        "pelayanan kalian buruk sekali",
        "saya sangat kecewa dengan rimbun",
        "ini sudah keterlaluan, seminggu tidak ada kabar",
        "kenapa dari kemarin dilempar-lempar terus",
        "jawabannya muter-muter terus, gak nyambung",
        "capek banget ngurusin ini gak selesai-selesai",
        "kalian niat kerja gak sih",
        "parah banget, udah komplain tiga kali tetap sama",
        "ini penipuan ya? barang gak dateng uang gak balik",
        "saya nyesel belanja di sini",
        "tidak profesional sama sekali",
        "jangan kasih jawaban template lagi",
        "jawaban otomatis terus, saya butuh solusi",
        "sudah dua minggu refund saya belum masuk, ini gimana sih",
        "kesabaran saya sudah habis",
        "saya marah sekali, pesanan saya hilang",
        "mana tanggung jawabnya rimbun",
        "lama banget responnya, saya nunggu dari pagi",
        "gak becus banget ngurus paket",
        "saya akan uninstall aplikasi ini",
        "saya kasih bintang satu di play store",
        "saya viralkan di media sosial kalau tidak diberesin",
        "this is the worst service I have ever had",
        "I am extremely frustrated, nobody is helping me",
        "I have asked the same question three times",
        "this is ridiculous, my refund is two weeks late",
        "your bot keeps giving me useless answers",
        "I am so angry right now",
        "I have been waiting for days and nobody replies",
        "sudah seminggu saya bolak-balik chat tanpa hasil",
        "saya sudah menunggu berjam-jam, jangan bikin saya tambah emosi",
        "kecewa berat, janji kalian kosong semua",
        "dari tadi cuma dikasih jawaban yang sama",
        "apa susahnya sih balikin uang saya",
        "this is unacceptable, I want my money back now",
        "I am done with this app",
        "buang-buang waktu saya aja chat di sini",
        "udah lah, kalian emang gak becus",
        "min, niat bantu gak sih? dari tadi jawabannya itu-itu aja",
        "jawaban kalian cuma copas, gak ada yang baca keluhan saya",
        "saya udah muak dioper sana-sini",
        "ini ketiga kalinya saya jelasin hal yang sama",
        "hadeh, lemot banget responnya, kerja gak sih",
        "anjir lah paket gw ilang lagi",
        "bangsat, uang gw gak balik-balik",
        "PAKET SAYA MANA?! UDAH DUA MINGGU!!",
        "terakhir kali gue belanja di sini, bye",
        "mau saya bikin thread di twitter biar semua tau kelakuan kalian",
        "siap-siap saya kasih bintang satu di play store",
        "mending pindah ke shopee deh, di sini ribet",
        "gak usah basa-basi minta maaf, mana solusinya",
        "janji manis doang, refund gak pernah cair",
        "mau kalian apa sih sebenernya?",
        "saya sudah sabar dari minggu lalu, sekarang habis kesabaran",
        "tiap chat dijawab bot, muter-muter gak jelas",
        "kurang ajar banget kurirnya, barang dilempar",
        "ini toko apa sarang maling sih",
        "kalian tuh bisanya cuma minta maaf doang",
        "kok bisa sih separah ini pelayanannya",
        "ngeselin parah, paket nyasar terus",
        "wtf, pesanan gw dibatalin sepihak lagi",
        "fed up with your excuses, just fix it",
        "I'm sick of chasing you for my refund",
        "worst customer service ever, nobody reads my messages",
        "I've explained this five times already",
        "stop wasting my time with these canned replies",
        "third week waiting and still nothing, unbelievable",
    ),
}
# Messages a person need not take over: the model learns that these are not any reason.
ANSWERABLE: tuple[str, ...] = (
    "agak kecewa sih, vouchernya gak bisa dipakai, kenapa ya?",
    "sedikit kesal karena paket telat sehari, biasanya memang begitu?",
    "lumayan bete nunggu refund, berapa lama sih prosesnya?",
    "sayang banget barangnya lecet, gimana cara ajukan retur?",
    "hmm ongkirnya mahal juga ya, ada promo gratis ongkir?",
    "kok biaya layanannya naik, itu buat apa?",
    "a bit disappointed the discount did not apply, why is that?",
    "slightly annoyed that tracking is not updating, is that normal?",
    "kalau akun saya suatu saat dibobol, apa yang harus saya lakukan?",
    "bagaimana cara mengamankan akun supaya tidak diretas?",
    "gimana cara mengenali penipuan yang mengatasnamakan rimbun?",
    "apa yang harus saya lakukan kalau ada transaksi yang tidak saya kenal?",
    "bagaimana cara menghubungi customer service?",
    "jam berapa cs bisa dihubungi?",
    "how do I report a suspicious message claiming to be from Rimbun?",
    "how can I contact customer support?",
    "agak kesel sih, ongkirnya naik, memang ada perubahan tarif?",
    "sedikit kecewa barangnya beda warna, bisa tukar nggak?",
    "duh paketku telat sehari, estimasi barunya kapan ya?",
    "hmm refund kok belum masuk, biasanya berapa hari kerja?",
    "kalau ada yang minta kode otp ngaku dari rimbun, harus gimana?",
    "apa ciri-ciri link phishing yang mengatasnamakan rimbun?",
    "gimana cara aktifin verifikasi dua langkah?",
    "kalau hp saya hilang, gimana cara keluar dari semua perangkat?",
    "apa yang harus saya lakukan jika menerima sms hadiah dari rimbun?",
    "bagaimana cara mengajukan refund untuk pesanan yang dibatalkan?",
    "refund ke kartu kredit butuh waktu berapa lama?",
    "nomor whatsapp resmi cs rimbun berapa?",
    "bisa komplain lewat email? alamatnya apa?",
    "how do I change my password if I think it is weak?",
    "how long does a refund to my card usually take?",
    "a little annoyed the app logged me out, how do I log back in?",
)
# L2 penalty of the models and the lowest probability that gets each reason, chosen on the eval train split
# with the rules switched off (train, found by meaning alone: sensitive 9 of 17, human_request 11 of 16,
# frustration 8 of 17; false alarms: 0, 0 and 1 of the 185 questions Sigap should answer, that one an upset
# customer whose question Sigap answers with confidence, see AnswerEngine._meant_reason).
L2 = 1 / 30
BARS: dict[SemanticReason, float] = {"sensitive": 0.8, "human_request": 0.7, "frustration": 0.9}

# Fitted models per (embedder fingerprint, index generation); generations are unique ids. The newest few are kept.
_MODELS: dict[tuple[str, str], ReasonModel] = {}
_FITTING = threading.Lock()
KEEP_MODELS = 4
# At most this many of the knowledge's questions are counter-examples (a fixed-seed sample beyond it): the fit's
# cost grows with their number times the embedding dimension squared (bench/reason_fit.py).
KNOWLEDGE_SAMPLE = 2000


class ReasonModel:
    """One logistic model per reason over query embeddings (see the module docstring)."""

    def __init__(self, weights: dict[SemanticReason, tuple[np.ndarray, float]]) -> None:
        self._weights = weights

    @classmethod
    def fit(
        cls,
        examples: dict[str, Vectors],
        asked: list[tuple[str, Vectors]],
        l2: float = L2,
        sample: int = KNOWLEDGE_SAMPLE,
    ) -> ReasonModel:
        """``examples``: each reason's example vectors and ``"answerable"``'s; ``asked``: (text, vector) of the
        ways the knowledge's questions are asked, of which at most ``sample`` (a fixed-seed choice) are used."""
        if len(asked) > sample:
            chosen = np.random.default_rng(0).choice(len(asked), size=sample, replace=False)
            asked = [asked[i] for i in sorted(chosen)]
        weights: dict[SemanticReason, tuple[np.ndarray, float]] = {}
        read = [(read_signals(text), vector) for text, vector in asked]
        for reason in EXEMPLARS:
            ordinary = [vector for signals, vector in read if not _reads_as(signals, reason)]
            negatives = [examples[other] for other in examples if other != reason]
            if ordinary:
                negatives.append(np.stack(ordinary))
            x = np.vstack([examples[reason], *negatives])
            y = np.r_[np.ones(len(examples[reason])), np.zeros(len(x) - len(examples[reason]))]
            weights[reason] = fit_logistic_regression(x, y, l2, sample_weight=balanced_weights(y))
        return cls(weights)

    def probabilities(self, message: Vectors) -> dict[SemanticReason, float]:
        """How likely the message (its query embedding) is each reason."""
        return {reason: float(sigmoid(w @ message + b)) for reason, (w, b) in self._weights.items()}


class ExemplarMatcher:
    """Recognises handoff reasons by meaning, with the :class:`ReasonModel` of the index's current generation."""

    def __init__(self, index: LiveIndex, bars: dict[SemanticReason, float] | None = None) -> None:
        self._index = index
        self._bars = bars or BARS

    def fit(self) -> None:
        """Fit the model of the index's current generation now (else the first message fits it)."""
        fitted_model(self._index)

    def probabilities(self, message: Vectors) -> dict[SemanticReason, float]:
        return fitted_model(self._index).probabilities(message)

    def reason(self, message: Vectors) -> SemanticReason | None:
        """The reason whose bar the message (its query embedding) passes by the widest margin, if any."""
        margins = {r: p - self._bars[r] for r, p in self.probabilities(message).items()}
        best = max(margins, key=lambda r: margins[r])
        return best if margins[best] >= 0 else None


def fitted_model(index: LiveIndex) -> ReasonModel:
    """The model for the index's current generation: fitted once per process (about 1 s with the
    default embedder, ≈ 3 s with the ensemble, whatever the knowledge's size: bench/reason_fit.py) and shared
    by every engine on that generation."""
    snap = index.snapshot
    key = (index.embedder.fingerprint, snap.generation)
    with _FITTING:
        if key not in _MODELS:
            while len(_MODELS) >= KEEP_MODELS:
                del _MODELS[next(iter(_MODELS))]  # the oldest generation
            _MODELS[key] = ReasonModel.fit(embedded_examples(index.embedder), _asked(snap))
        return _MODELS[key]


def embedded_examples(embedder: Embedder) -> dict[str, Vectors]:
    """Each reason's examples and the answerable ones, embedded like customer messages (once per process)."""
    named: list[tuple[str, tuple[str, ...]]] = [*EXEMPLARS.items(), ("answerable", ANSWERABLE)]
    return {name: embedded_questions(embedder, texts) for name, texts in named}


def _asked(snap: Snapshot) -> list[tuple[str, Vectors]]:
    """The knowledge's questions and variants (customers' ticket messages left out: some were angry or urgent)."""
    if snap.asked is None:
        return []
    asked = snap.asked
    return [
        (text, asked.vectors[i])
        for i, (text, part) in enumerate(zip(asked.texts, asked.parts, strict=True))
        if part != "problem"
    ]


def _reads_as(signals: MessageSignals, reason: SemanticReason) -> bool:
    """Do the rules already read a knowledge question as ``reason``? (It is then no counter-example.)"""
    if reason == "sensitive":
        return signals.sensitive is not None
    if reason == "human_request":
        return signals.human_request
    return signals.frustrated
