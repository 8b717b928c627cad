"""Text normalisation for keyword search and intent rules, tuned to how Indonesians chat.

Lower-case, strip punctuation and reduplication marks (``barang2`` → ``barang barang``), expand common
chat abbreviations (``gmn`` → ``bagaimana``, ``sy`` → ``saya``), drop stop words, and optionally stem
with Sastrawi (a well-kept Indonesian stemmer; results are cached per word because it is slow).
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[0-9a-z]+")
_REDUPLICATION = re.compile(r"\b([a-z]{2,})2([a-z]*)\b")

SLANG: dict[str, str] = {
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "gmana": "bagaimana",
    "bgmn": "bagaimana",
    "sy": "saya",
    "aq": "aku",
    "gw": "saya",
    "gue": "saya",
    "gua": "saya",
    "ane": "saya",
    "tdk": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "tak": "tidak",
    "blm": "belum",
    "blum": "belum",
    "udh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "sdh": "sudah",
    "bs": "bisa",
    "gabisa": "tidak bisa",
    "gbs": "tidak bisa",
    "gakbisa": "tidak bisa",
    "gaada": "tidak ada",
    "gada": "tidak ada",
    "bsa": "bisa",
    "krn": "karena",
    "karna": "karena",
    "utk": "untuk",
    "untk": "untuk",
    "dgn": "dengan",
    "dg": "dengan",
    "yg": "yang",
    "dr": "dari",
    "dri": "dari",
    "kpn": "kapan",
    "knp": "kenapa",
    "napa": "kenapa",
    "gmn2": "bagaimana",
    "brp": "berapa",
    "brapa": "berapa",
    "lg": "lagi",
    "lgi": "lagi",
    "jg": "juga",
    "aja": "saja",
    "aj": "saja",
    "sj": "saja",
    "tp": "tapi",
    "tpi": "tapi",
    "sm": "sama",
    "ama": "sama",
    "bgt": "banget",
    "bngt": "banget",
    "tlg": "tolong",
    "tolongin": "tolong",
    "mhn": "mohon",
    "trs": "terus",
    "trus": "terus",
    "sampe": "sampai",
    "smpe": "sampai",
    "nyampe": "sampai",
    "nyampai": "sampai",
    "dtg": "datang",
    "brg": "barang",
    "barangnya": "barang",
    "pkt": "paket",
    "pesenan": "pesanan",
    "psnan": "pesanan",
    "ongkos": "ongkos",
    "ongkir": "ongkir",
    "rek": "rekening",
    "norek": "rekening",
    "hp": "hp",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "pw": "password",
    "pass": "password",
    "sandi": "sandi",
    "akunnya": "akun",
    "akn": "akun",
    "emg": "memang",
    "emang": "memang",
    "mau": "mau",
    "mo": "mau",
    "pengen": "ingin",
    "pgn": "ingin",
    "pingin": "ingin",
    "bli": "beli",
    "byr": "bayar",
    "bayarnya": "bayar",
    "dibalikin": "dikembalikan",
    "balikin": "kembalikan",
    "duit": "uang",
    "dana": "dana",
    "refun": "refund",
    "refound": "refund",
    "ref": "refund",
    "cancel": "batal",
    "cancal": "batal",
    "cod": "cod",
    "otw": "dalam perjalanan",
    "cs": "cs",
    "thx": "terima kasih",
    "makasih": "terima kasih",
    "mksh": "terima kasih",
    "trims": "terima kasih",
    "pls": "please",
    "plz": "please",
    "u": "you",
    "ur": "your",
    "pkg": "package",
    "acc": "account",
    # short forms of chat Indonesian that spelling correction cannot guess (too short, or ambiguous)
    "cra": "cara",
    "lpa": "lupa",
    "vocer": "voucher",
    "voucer": "voucher",
    "crnya": "caranya",
    "cranya": "caranya",
    "gmna": "bagaimana",
    "jm": "jam",
    "ap": "apa",
    "ape": "apa",
    "bka": "buka",
    "lma": "lama",
    "mw": "mau",
    "sya": "saya",
    "msk": "masuk",
    "blg": "bilang",
    "hrs": "harus",
    "hrus": "harus",
    "tgl": "tanggal",
    "bln": "bulan",
    "skrg": "sekarang",
    "skrng": "sekarang",
    "kmrn": "kemarin",
    "kmrin": "kemarin",
    "dpt": "dapat",
    "dapet": "dapat",
    "klo": "kalau",
    "kalo": "kalau",
    "kl": "kalau",
    "msh": "masih",
    "masi": "masih",
    "org": "orang",
    "bnr": "benar",
    "bener": "benar",
    "tlp": "telepon",
    "telp": "telepon",
    "tf": "transfer",
    "dlm": "dalam",
    "knpa": "kenapa",
    "byk": "banyak",
    "bnyk": "banyak",
}
# Bump when SLANG or normalisation changes: keyword indexes built with the old text are rebuilt.
TEXT_SCHEME = 2

STOPWORDS = frozenset(
    """
    yang dan di ke dari ini itu untuk dengan pada adalah atau juga saja sudah belum akan bisa ada saya
    aku kamu anda kak kakak min admin mas mbak pak bu gan sis ya yah sih kok dong deh nih tuh kan lah
    pun nya apa apakah tolong mohon kah the a an to of and or is are was be i my me you your it in on
    for do does can how what please hi halo hai selamat pagi siang sore malam terima kasih bagaimana
    gimana berapa kapan kenapa mengapa dimana bisakah gak
    """.split()  # noqa: SIM905 - a word list reads best as text
)


def normalise(text: str) -> str:
    """Lower-case, de-punctuate and expand chat abbreviations; keeps stop words."""
    lowered = _REDUPLICATION.sub(r"\1 \1\2", text.lower())
    return " ".join(SLANG.get(word, word) for word in _WORD.findall(lowered))


def tokenize(text: str, *, stem: bool = False) -> list[str]:
    """Keyword-search tokens: normalised, without stop words, optionally stemmed."""
    tokens = [t for t in normalise(text).split() if t not in STOPWORDS]
    return [_stem(t) for t in tokens] if stem else tokens


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if len(word) <= 4 or word.isdigit():
        return word
    return str(_stemmer().stem(word))


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()
