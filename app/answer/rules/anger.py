"""How upset a message reads: insults, anger words, exasperation, repeated complaints, threats to leave.

Word lists are matched against normalised words; phrase patterns against normalised text."""

from __future__ import annotations

import re

from app.answer.rules.words import one_of

INSULTS = frozenset(
    """
    bodoh goblok goblog tolol anjing anjir anjrit bangsat brengsek sialan kampret bego idiot stupid bajingan
    tai taik asu jancuk sampah
    gblk goblk gblg tlol bloon dungu oon begok anjg ajg anjrot njing asw bgst bngst bgsd bangsad berengsek
    keparat bangke jancok dancok tahi kontol kntl memek ngentot ngentod bacot bacod pantek pukimak cukimai
    kampungan sinting wtf idiots moron morons dumb dumbass fuck fucking fck shit bullshit asshole bastard bitch
    """.split()  # noqa: SIM905 - a word list reads best as text
)
ANGER_WORDS = frozenset(
    """
    kecewa parah payah kesal kesel marah jengkel nyebelin sebel lelet lemot gila keterlaluan mengecewakan
    menyebalkan ngeselin zonk muak capek cape kapok benci worst terrible awful ridiculous unacceptable useless
    angry furious frustrated disappointed pathetic joke hate unbelievable seriously woy woi penipu
    dikecewakan ngecewain kecewain kzl sebal bete dongkol geram gondok murka menjengkelkan memuakkan eneg
    nyesel nyesal menyesal kelewatan kebangetan frustasi frustrasi stres pusing mumet lelah hadeh hadeuh
    hadehh astaga astaghfirullah astagfirullah astaghfirulloh astagfirulloh sial maling ampas bobrok amburadul
    kacau ngawur ngaco lalai teledor ceroboh becus amatir amatiran bohong pembohong dibohongi dibohongin nipu
    menipu php omdo gajelas dipersulit mempersulit edan tega separah sejelek seburuk selelet selemot
    annoyed annoying upset pissed livid outraged outrageous disgusted disgusting disgraceful disgrace horrible
    horrendous incompetent incompetence shameful nonsense rubbish garbage trash sucks crap crappy damn dammit
    liar liars lying ripoff infuriating infuriated irritated irritating frustrating disappointing fuming
    hopeless nightmare appalling inexcusable absurd
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Phrases that count as an insult (0.6) or as one more anger word (0.3) in :func:`anger_score`.
INSULT_PHRASES = re.compile(
    r"\b(?:kurang ajar|tidak tahu (?:diri|malu|sopan)|tidak punya (?:otak|malu|etika|hati|akal)|"
    r"otak(?:nya)? (?:udang|di mana|dimana|ditaruh|dipakai)|(?:pakai|pake) otak|shut up|screw you|f you|"
    r"go to hell|piece of (?:shit|crap|garbage)|son of a|dasar (?:penipu|maling|pembohong|tukang \w+|bodoh|lemot|"
    r"lelet|tidak becus|perusahaan|toko|aplikasi|cs|kalian|bot|robot|admin))\b"
)
ANGER_PHRASES = re.compile(
    r"\b(?:bagaimana sih\b(?! (?:cara|caranya|syarat|bedanya|maksudnya|prosedurnya))|kok (?:gitu|begitu|gini|begini) "
    r"(?:sih|terus)|tidak jelas (?:banget|sekali|sama sekali|gini|begini|kerjanya|pelayanannya|jawabannya)|"
    r"tidak masuk akal|ingkar janji|tidak sesuai janji|(?:ribet|repot|susah) (?:banget|sekali|amat)|"
    r"berbelit belit|(?:buruk|jelek) (?:banget|sekali|parah|amat)|"
    r"(?:pelayanan|layanan|service|respon|respons|cs)(?:nya)? (?:kalian |rimbun |ini )?(?:buruk|jelek|lambat|"
    r"lelet|lemot)|makin (?:parah|buruk|jelek|kacau)|rugi (?:banget|besar|bandar)|merugikan|dirugikan|"
    r"(?:sangat |benar benar )?(?:tidak|kurang) (?:memuaskan|puas)|so (?:annoying|frustrating|disappointing)|not happy|"
    r"not okay|"
    r"not ok|not acceptable|sekarang juga|(?:balikin|kembalikan|kembaliin|refund|return) (?:uang|duit|dana|"
    r"my money)(?: saya| aku)?|(?:minta|mau) (?:uang|duit|dana) (?:saya |aku )?(?:kembali|balik|dikembalikan))\b"
)
# Exasperation said outright: as strong a sign as a complaint made again and again.
FED_UP = re.compile(
    r"\b(?:(?:tidak|kurang|g|ngk|gx) becus|niat (?:kerja|jualan|melayani|bantu|membantu|usaha|tidak)|tidak niat|"
    r"mau(?:nya)? (?:kalian|rimbun|lu|lo|kamu|anda) apa|mau kalian apa|maunya apa sih|buang buang waktu|"
    r"(?:buang|membuang) waktu (?:saya|aku|kami|saja|doang|orang)|membuang buang waktu|(?:a )?waste of (?:my )?time|"
    r"wasting (?:my|our) time|"
    r"(?:sudah|sangat|benar benar|bener bener|makin) muak|fed up|sick (?:of|and tired)|(?:i ve|ive|i have) had enough|"
    r"had it with|enough is enough|i m done|im done|i am done|"
    r"(?:kesabaran|sabar) (?:saya |aku |kami )?(?:sudah |benar benar )?(?:habis|hilang|ada batasnya|sudah habis)|"
    r"habis kesabaran|hilang kesabaran|(?:lost|losing|out of|run out of|running out of) (?:my |all )?patience|"
    r"(?:tidak usah|tidak perlu|jangan|kebanyakan|cuma|hanya|stop|berhenti) basa basi|basa basi (?:doang|saja|terus|"
    r"mulu|melulu)|omong kosong|janji (?:palsu|manis|doang|saja|kosong|terus|melulu)|"
    r"cuma janji|pemberi harapan palsu|"
    r"tidak (?:profesional|bertanggung jawab|bertanggungjawab|ada tanggung jawab|mau tanggung jawab)|"
    r"unprofessional|lepas tangan|cuci tangan|makan gaji buta|"
    r"(?:kalian|kamu|lu|lo|cs|admin) (?:kerja|kerjanya|ngapain) (?:apa )?(?:saja|sih)|"
    r"digaji (?:buat|untuk) apa|"
    r"pelayanan(?:nya)? (?:kalian |rimbun |ini )?(?:macam apa|apa ini|apaan|terburuk|paling buruk|paling jelek|"
    r"paling parah|sampah|bobrok|kacau)|"
    r"(?:worst|terrible|awful|horrible|pathetic|disgusting|garbage|trash|useless) (?:service|app|experience|customer "
    r"service|support|company|shop|store|platform)|"
    r"tidak (?:membantu|berguna|ada gunanya|guna) sama sekali|"
    r"(?:bot|robot|aplikasi|app|cs|kalian|pelayanan)(?:nya)? (?:ini )?(?:tidak|sangat tidak) (?:berguna|ada gunanya|"
    r"membantu)|not help(?:ful|ing)? at all|no help at all|"
    r"percuma (?:saja )?(?:chat|tanya|nanya|komplain|lapor|hubungi|ngomong|bicara|belanja|nunggu|menunggu|"
    r"minta|kalian)|"
    r"bikin (?:emosi|naik darah|kesal|kesel|gedeg|geram|jengkel|stres|stress|frustasi|frustrasi|sakit hati)|"
    r"naik darah|emosi jiwa|sakit hati|"
    r"dipermainkan|dipermainin|mempermainkan|dibodohi|dibodohin|membodohi|"
    r"jangan (?:main main|mempermainkan|membodohi|bohong|bohongin)|"
    r"tidak (?:ada|punya) itikad baik|"
    r"apa apaan|yang benar saja|are you (?:kidding|serious|joking)|you (?:must be|re|are) (?:kidding|joking)|"
    r"what a joke|this is a joke|joke of a|"
    r"tidak ada yang (?:mau )?(?:peduli|respon|merespon|menanggapi|bantu|membantu|jawab|menjawab|tanggung jawab|"
    r"bertanggung jawab|becus)|(?:nobody|no one) (?:cares|helps|is helping|ever)|"
    r"(?:gimana|bagaimana) (?:mau|bisa) (?:percaya|belanja lagi)|"
    r"tidak (?:mau|bisa) (?:tahu|tau) (?:pokoknya|saya mau)|pokoknya saya (?:mau|minta|tidak mau)|"
    r"(?:sudah|sangat|benar benar|bener bener) (?:keterlaluan|kelewatan|kebangetan)|"
    r"(?:bisa|mampu|niat|becus) kerja (?:tidak|nggak|enggak|g|gx)|kerja yang (?:benar|becus|serius)|"
    r"(?:nobody|no one) (?:ever )?(?:replies|responds|answers|gets back|got back|helps|reads)|"
    r"tidak ada yang (?:balas|bales|membalas|respon|merespon)|"
    r"(?:bisanya|bisa nya|kerjanya) (?:cuma|hanya|cuman) (?:minta maaf|bilang maaf|bilang sabar|janji|ngeles)|"
    r"(?:cuma|hanya|cuman) (?:minta maaf|bilang maaf|bilang sabar|janji|ngeles) (?:doang|saja|terus|mulu|melulu))\b"
)
# Strong feelings said outright ("kecewa berat", "sangat kesal"): fed up, unless the message goes on to ask a
# clear question, which Sigap answers with an apology ("kecewa bgt, vasnya retak. gimana cara klaimnya?").
INTENSE = re.compile(
    r"\b(?:(?:kecewa|kesal|kesel|marah|jengkel|sebel|sebal|emosi|muak|capek|cape|bete|kzl|dongkol|ngeselin|nyebelin|"
    r"menyebalkan|menjengkelkan|mengecewakan|keterlaluan|kelewatan|kebangetan) "
    r"(?:banget|sekali|berat|parah|pol|abis|setengah mati|luar biasa)|"
    r"(?:sangat|amat|super|benar benar|bener bener|really|so|very|extremely|totally) (?:kecewa|kesal|kesel|marah|"
    r"jengkel|muak|emosi|dongkol|disappointed|angry|frustrated|annoyed|upset|mad|pissed))\b"
)
_TIMES = (
    r"(?:\d+ ?(?:kali|x|kalinya)|(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluhan|belasan|"
    r"beberapa) kali|berkali kali|berkali berkali|berulang kali|berulang ulang|\d+ times|"
    r"(?:two|three|four|five|six|ten|several|multiple|countless|so many|too many) times)"
)
_CONTACT = one_of(
    """tanya, nanya, bertanya, tanyakan, menanyakan, nanyain, komplain, komplen, complain, mengeluh, ngeluh,
    keluhkan, chat, ngechat, hubungi, menghubungi, telepon, menelepon, nelpon, telpon, lapor, melapor, laporan,
    melaporkan, laporkan, ajukan, mengajukan, kirim email, follow up, jelaskan, menjelaskan, jelasin, bilang,
    sampaikan, menyampaikan, ngingetin, ingatkan, asked, complained, contacted, called, emailed, told,
    explained, reported, messaged, chatted, requested"""
)
REPEATED_COMPLAINT = re.compile(
    r"\b(?:\d+ ?x (?:nanya|tanya|komplain|chat)|"
    r"kesekian kali|lagi lagi|lempar lempar\w*|again and again|second time|third time|copy paste|"
    r"pelayanan macam apa|tidak ada yang tanggung jawab|still the same)\b|"
    # "sudah 3 kali", "udah coba berkali-kali", "sudah saya tanyakan tiga kali"; a count alone may be no complaint
    # ("salah PIN 3 kali dikunci berapa lama?", "how many times will the courier try?")
    rf"\b(?:sudah|sampai|sampe) (?:(?:saya|aku|kami) )?(?:coba|mencoba|nyoba|{_CONTACT}) {_TIMES}\b"
    r"(?! (?:\w+ )?(?:belanja|beli|membeli|order|pesan|memesan|transaksi|checkout|ikut|pakai|pake|menggunakan|"
    r"dapat|menang)\b|(?: \w+)? salah$| salah (?:pin|password|sandi|kata sandi|otp|kode|masuk\w*|input\w*))|"
    rf"\b{_CONTACT}\b(?: \w+){{0,4}} {_TIMES}\b|\b{_TIMES} (?:(?:saya|aku|kami|sudah|i ve|i have) )?{_CONTACT}\b|"
    rf"\b{_TIMES} (?:tetap|tetep|tidak ada hasil|percuma|hasilnya sama)\b|"
    r"\b(?:(?:ketiga|keempat|kelima|kesekian|ke [3-9]|ke 1\d) kalinya|untuk (?:yang )?(?:ketiga|keempat|kelima) "
    r"kali|entah (?:sudah )?(?:berapa|keberapa) kali|tidak terhitung|sering banget|sudah sering|"
    r"dilempar lempar|dioper oper|dioper sana sini|dilempar sana sini|dipingpong|pingpong|ping pong|"
    r"(?:jawab\w*|dijawab|cs|admin|kalian|bot|penjelasan\w*|ngomong|omong|bicara|balas\w*|dibalas|pelayanan|chat|"
    r"ditanya|tanya|dibikin|bikin|disuruh)(?: \w+){0,3} (?:muter muter|mutar mutar|berputar putar|putar putar)|"
    r"(?:muter muter|mutar mutar|berputar putar) (?:terus|saja|doang|tidak jelas|tanpa solusi|tidak ada solusi)|"
    r"bolak balik (?:chat|tanya|nanya|telepon|nelpon|hubungi|komplain|ke cs)|itu itu saja|"
    r"(?:jawaban|jawab|balasan|balas|bales|dijawab|dibalas)(?:nya|an)? (?:yang )?(?:sama (?:saja|terus|lagi|mulu)|"
    r"itu itu|template|robot|otomatis|copas|standar|sama dari tadi)|template (?:terus|lagi|mulu)|copas|"
    r"sama saja dari tadi|tetap saja (?:belum|tidak|gagal|sama)|"
    r"(?:kan|sudah) (?:saya|aku) (?:bilang|bilangin|jelaskan|jelasin|sampaikan|kasih tahu|kasih tau)|"
    r"kan sudah (?:bilang|dibilang|dijelaskan)|sudah (?:dibilang|dijelaskan) (?:dari tadi|berkali|berulang)|"
    r"over and over|repeatedly|(?:so|too|countless|multiple|several) (?:many )?times|times already|"
    r"same (?:answer|reply|response|thing|message|story|excuse) (?:again|over|every)|"
    r"keep (?:asking|telling|saying|getting|sending|repeating)|"
    r"(?:already|i ve|ive|i have) (?:already )?(?:told|asked|explained|contacted|called|emailed|complained|"
    r"reported|sent))\b"
)
WAITING_COMPLAINT = re.compile(
    r"\b(?:dari kemarin|dari minggu lalu|dari tadi|sampai sekarang|tidak ada jawaban|tidak dijawab|"
    r"tidak direspon|tidak ada respon|tidak dibalas|tidak dibales|tidak ada yang balas|masih belum juga|sejam|"
    r"berjam jam|berhari hari|seharian|still not|no one answers|nobody replied|for days|tidak ada apa apa|"
    r"dari (?:pagi|siang|sore|semalam|kemarin lusa|minggu kemarin|bulan lalu|bulan kemarin|awal bulan|"
    r"senin|selasa|rabu|kamis|jumat|sabtu|minggu)|berminggu minggu|berbulan bulan|"
    r"(?:lama|lambat|lelet) (?:banget|sekali|amat|bener)|kelamaan|kok lama|(?:nunggu|menunggu|tunggu) lama|"
    r"(?:nunggu|menunggu|tunggu)(?: \w+){0,3} (?:\d+|se|satu|dua|tiga|empat|lima|beberapa) ?(?:jam|hari|minggu|bulan)|"
    r"sudah (?:\d+|se|satu|dua|tiga|empat|lima|enam|tujuh|beberapa) ?(?:jam|hari|minggu|bulan)\b(?: \w+){0,6} "
    r"(?:belum|tidak (?:ada|datang|dateng|sampai|masuk|dibalas|direspon|berubah|selesai|kelar|jelas|diproses)|"
    r"masih (?:belum|di|diproses|dikemas|dalam|menunggu|sama|tertahan|pending))|"
    r"tidak ada (?:kabar|kejelasan|progress|progres|perkembangan|update|tindak lanjut|tindakan|solusi|balasan|"
    r"respons)|tidak kunjung|belum (?:juga|ada (?:balasan|respon|respons|jawaban|kabar|kejelasan|tindak lanjut))|"
    r"tidak (?:dibalas balas|dijawab jawab|digubris|ditanggapi|dihiraukan|dipedulikan|diangkat|diangkat angkat)|"
    r"masih sama saja|tetap sama saja|tetep sama saja|diabaikan|dicuekin|dikacangin|dighosting|(?:di )?read (?:saja|"
    r"doang)|cuma dibaca|digantung|"
    r"(?:mau|harus|nunggu|menunggu) sampai kapan|kapan (?:selesainya|beresnya|kelarnya)|"
    r"tidak (?:selesai selesai|beres beres|kelar kelar|sampai sampai|datang datang|dateng dateng|masuk masuk|"
    r"cair cair|diproses proses|dikirim kirim|balik balik)|"
    r"ignored|no response|no reply|no answer|no update|no updates|still waiting|been waiting|waiting for (?:weeks|days|"
    r"hours|ages)|for weeks|for ages|taking forever|takes forever|still nothing|haven t heard|never heard back|"
    r"no one (?:replied|responded|got back)|nobody (?:answers|responds|responded|got back))\b"
)
_RIVALS = one_of(
    """shopee, tokopedia, tokped, lazada, blibli, bukalapak, tiktok shop, sebelah, toko sebelah, aplikasi sebelah,
    kompetitor"""
)
# where a customer goes public, and how: "spill di twitter", "upload ke tiktok", "bikin thread"
_PUBLIC = one_of(
    """twitter, tweet, tiktok, ig, instagram, facebook, fb, medsos, media sosial, sosmed, social media, youtube,
    media konsumen, mediakonsumen, surat pembaca, kaskus, reddit, thread, utas, berita, koran, tv, wartawan"""
)
_SPREAD = one_of("spill, spil, bongkar, sebarin, sebarkan, viralkan, viralin")
_ON_PUBLIC = rf"(?: \w+){{0,4}} (?:di |ke )?{_PUBLIC}"  # "... di twitter", "... ke media konsumen"
_POST = rf"(?:{_SPREAD}|{one_of('posting, postingin, post, upload, uploadin, unggah, sebar')}){_ON_PUBLIC}"
# Threats to go public or to leave: a customer who writes them has had enough (as strong as a repeated complaint).
THREATS = re.compile(
    r"\b(?:mending belanja di tempat lain|tidak akan belanja lagi|never shop|never buy|"
    r"(?:kasih|kasi|ngasih|beri|berikan|kukasih|give|giving|leave|leaving)(?: \w+){0,2} (?:bintang|rating|rate|"
    r"review|ulasan|star|stars) (?:1|satu|nol|0|jelek|buruk|negatif|bad|negative|one|zero)\b(?! (?:sampai|sampe|hingga|"
    r"ke|to|dan|atau|5|lima))|(?:kasih|kasi|ngasih|beri|berikan|give|leave) (?:\w+ )?(?:1|satu|one|zero|nol) "
    r"(?:bintang|star|stars)|(?:bikin|buat|tulis|naikin|up) (?:thread|utas)|"
    r"(?:uninstall|uninstal|unins|hapus (?:aplikasi|app)\w*) (?:saja|deh|sekarang|sekalian|aja)|"
    r"mending (?:uninstall|uninstal|hapus (?:aplikasi|app))|"
    r"pindah (?:ke )?(?:aplikasi|toko|marketplace|e commerce|ecommerce|olshop|platform|tempat) (?:lain|sebelah)|"
    rf"pindah ke {_RIVALS}|mending (?:belanja |beli |pakai |pake |order )?(?:di |ke )?(?:{_RIVALS}|tempat lain|"
    r"aplikasi lain|toko lain|marketplace lain)|"
    r"terakhir (?:kali )?(?:saya |aku )?(?:belanja|beli|order|pesan|pakai|pake|transaksi) (?:di sini|disini|"
    r"di rimbun|sama kalian|di kalian|di aplikasi ini|pakai rimbun|pake rimbun)|"
    r"(?:ini|ini yang) terakhir (?:kali )?(?:saya |aku )?(?:belanja|beli|order|pesan|pakai|pake)|"
    r"(?:tidak (?:akan|mau|bakal|sudi)|ogah|males|malas) (?:lagi )?(?:belanja|beli|order|transaksi) "
    r"(?:lagi|di sini|disini|di rimbun)|kapok (?:belanja|beli|order|pakai|pake)|"
    r"(?:the )?last time (?:i|i ll|ill|i will|i m) (?:shop|shopping|buy|order|use|using)|never again|"
    r"take my (?:business|money) elsewhere|"
    rf"(?:saya|aku|kami|mau|akan|bakal|siap|langsung|tak|i ll|i will|im going to)(?: \w+){{0,2}} "
    rf"{_SPREAD}{_ON_PUBLIC}|"
    r"viralkan|memviralkan|viralin)\b"
)
# ... and words that may be one but need not ("produk viral", "kalau uninstall aplikasi saldo hilang?")
WEAK_THREATS = re.compile(
    rf"\b(?:{_POST}|spill|spil|viral|sebar|sebarin|sebarkan|diviralkan|laporin|review bintang 1|bintang satu|1 star|"
    rf"one star|uninstall|uninstal|unins|"
    r"(?:bintang (?:1|nol|0)|(?:1|0|satu|nol) bintang|rating (?:1|satu|nol|0|jelek|buruk)|rate 1)"
    r"(?! (?:sampai|sampe|hingga|ke|to|dan|atau|5|lima))|zero stars?|no stars|"
    r"hapus (?:aplikasi|app|aplikasinya|rimbun)|delete (?:the |this |your )?app|"
    r"(?:review|ulasan|komentar|rating)(?:nya)? (?:jelek|buruk|negatif)|(?:bad|negative|1 star|one star) "
    r"(?:review|rating))\b"
)
# Products and phrases whose words only look rude ("tempat sampah", "makanan anjing", "kecewa? tidak").
NEUTRAL = re.compile(
    r"\b(?:tempat|kantong|kantung|plastik|tong|bak|keranjang|kotak|pengki) sampah\b|\b(?:trash|garbage) "
    r"(?:bag|bags|can|cans|bin|bins)\b|\b(?:makanan|kalung|kandang|mainan|baju|pakan|shampo|sampo|tali|snack|"
    r"obat|vitamin|susu|pasir|tempat makan|dog) (?:anjing|kucing)\b|\bbukan (?:marah|kecewa|komplain)\b|"
    r"\btidak (?:kecewa|marah|kesal|kesel|menyesal|nyesel|capek|ribet|buruk|jelek)\b"
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
