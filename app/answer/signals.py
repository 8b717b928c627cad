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
    r"^cara\b|\bcara\w* (?:\w+ )?(?:gimana|bagaimana)\b|\bhow to\b|"
    r"\bcara (?:\w+ )?(?:menghubungi|hubungi|bicara|ngobrol|lapor|melapor|mengamankan)|"
    r"\bharus ketik apa|\bhow (?:do|can|should) i\b|\bwhat should i do if\b|\bkalau suatu saat\b|\bseandainya\b|"
    r"\bjika suatu saat\b|\bapakah (?:bisa|perlu)\b|\bemang perlu\b|\bperlu (?:kasih|memberi|memberikan)\b"
)

# General and hypothetical questions about sensitive matters ("kalau akun dibobol harus ngapain?", "apa ciri-ciri
# penipuan?", "what happens if someone gets my OTP?") are answered from the FAQ like how-to questions, unless the
# customer says it has already happened to them ("kalau saya sudah terlanjur kasih OTP ...") or asks for a person.
GENERAL_QUESTION = re.compile(
    r"^(?:(?:halo|hallo|hai|hi|hello|permisi|kak|min|mau tanya|tanya|numpang tanya|maaf|mas|mbak|gan|sis)\s+)*"
    r"(?:kalau|jika|apabila|bila|seandainya|andaikan|andai|misal|misalnya|umpama|umpamanya|if|in case|what if|"
    r"suppose|supposing)\b(?! (?:bisa|boleh|begitu|gitu|gini|begini|memang|tidak|berkenan|memungkinkan|sempat|"
    r"sampai|possible)\b)|"
    r"\b(?:ciri ciri|cirinya|ciri|tanda tanda|tandanya|signs of|red flags?|what are the signs)\b|"
    r"\b(?:bagaimana|apa|gimana) (?:mengenali|membedakan|menghindari|mencegah|melindungi|mengamankan|menjaga|"
    r"tips|trik|saja tips|langkah|prosedur|proses|mekanisme|alur)\b|\b(?:tips|trik) (?:agar|supaya|biar|untuk|"
    r"menghindari|mencegah|mengamankan|aman)\b|"
    r"\bapa yang (?:harus|perlu|sebaiknya|mesti|musti) (?:saya |aku |kami |kita )?(?:lakukan|dilakukan|dilakuin)"
    r" (?:jika|kalau|apabila|bila|seandainya|saat|ketika)\b|"
    r"\b(?:harus|sebaiknya|perlu|mesti) (?:ngapain|bagaimana|apa|berbuat apa|lapor ke mana|lapor kemana) "
    r"(?:jika|kalau|apabila|bila|seandainya|saat|ketika)\b|"
    r"\b(?:cara|tips|trik|bagaimana|how|what|apa|langkah)\b.{0,25}\b(?:agar|supaya|biar|jangan sampai|to avoid|"
    r"to prevent|avoid|prevent|protect (?:myself|my account))\b"
    r"(?: \w+){0,3} (?:tidak |nggak |gak )?(?:kena|jadi korban|menjadi korban|tertipu|dibobol|diretas|dibajak|"
    r"di hack|kena hack|being|getting|scams?|phishing|fraud|hacked)\b|"
    r"\b(?:what happens if|what to do if|what do i do if|what should (?:i|we) do (?:if|when)|how (?:can|do|would|"
    r"should) (?:i|we|you) (?:tell|know|spot|recogni[sz]e|identify|check|avoid|prevent|protect|secure|report|"
    r"enable|turn on|set up)|is (?:this|it|that) (?:a scam|legit|real|safe|official)|is it safe to)\b|"
    r"\bapakah (?:ini|itu|aman|resmi|asli|benar|benar benar|wajar|normal|rimbun pernah)\b|"
    r"(?:\b(?:bolehkah|boleh tidak|boleh gak|amankah|aman tidak|aman gak)|^(?:(?:kak|min|halo|permisi) )*boleh|"
    r"\bapakah (?:saya |kita |aku )?(?:harus|perlu|wajib|boleh|aman))(?: (?:saya|aku|kita))? (?:kasih|kasi|"
    r"memberikan|berikan|kasih tahu|kasih tau|share|kirim|menyebutkan|sebutkan|sebut)\b"
)
# ... when it has already happened ("kalau saya sudah terlanjur ...", "if I already gave ...")
_HAPPENED = re.compile(
    r"\b(?:saya|aku|kami|ibu saya|orang tua saya|i|we)\b (?:\w+ )?(?:sudah|terlanjur|barusan|tadi|baru saja|"
    r"kemarin|semalam|already|just|have already|ve already|accidentally)\b|\b(?:sudah|terlanjur) (?:saya|aku)\b|"
    r"\b(?:i ve|ive|i have|i just|i already) (?:\w+ )?(?:given|gave|clicked|entered|shared|sent|lost|been)\b"
)

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
_CONTACT = (
    r"(?:tanya|nanya|bertanya|tanyakan|menanyakan|nanyain|komplain|komplen|complain|mengeluh|ngeluh|keluhkan|"
    r"chat|ngechat|hubungi|menghubungi|telepon|menelepon|nelpon|telpon|lapor|melapor|laporan|melaporkan|"
    r"laporkan|ajukan|mengajukan|kirim email|follow up|jelaskan|menjelaskan|jelasin|bilang|sampaikan|"
    r"menyampaikan|ngingetin|ingatkan|asked|complained|contacted|called|emailed|told|explained|reported|"
    r"messaged|chatted|requested)"
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
_RIVALS = (
    r"(?:shopee|tokopedia|tokped|lazada|blibli|bukalapak|tiktok shop|sebelah|toko sebelah|aplikasi sebelah|kompetitor)"
)
# posting about it: "spill di twitter", "upload ke tiktok", "bikin thread"
_POST = (
    r"(?:posting|postingin|post|upload|uploadin|unggah|spill|spil|sebar|sebarin|sebarkan|bongkar|viralkan|viralin)"
    r"(?: \w+){0,4} (?:di |ke )?(?:twitter|tweet|tiktok|ig|instagram|facebook|fb|medsos|media sosial|sosmed|"
    r"social media|youtube|media konsumen|mediakonsumen|surat pembaca|kaskus|reddit|thread|utas|berita|koran|tv|"
    r"wartawan)"
)
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
    r"(?:spill|spil|bongkar|sebarin|sebarkan|viralkan|viralin)(?: \w+){0,4} (?:di |ke )?(?:twitter|tweet|tiktok|ig|"
    r"instagram|facebook|fb|medsos|media sosial|sosmed|social media|youtube|media konsumen|mediakonsumen|"
    r"surat pembaca|kaskus|reddit|thread|utas|berita|koran|tv|wartawan)|"
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
_NEUTRAL = re.compile(
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

# Incidents that always need a person, whatever the configured topic list says.
_TELL = (
    r"(?:kasih|kasihkan|kasi|ngasih|kasih tahu|kasih tau|berikan|memberikan|beri|sebut|sebutin|sebutkan|"
    r"menyebutkan|bacakan|bacain|membacakan|share|fotoin|gave|given|told|shared|read out)"
)
_ENTER = r"(?:masukkan|masukin|memasukkan|input|inputkan|isi|isikan|mengisi|ketik|ketikkan|entered|typed|put in)"
# where a secret typed in was not the shop's own app: a link, a fake page, a caller
_ELSEWHERE = (
    r"^(?=.*\b(?:link|linknya|tautan|situs|web|website|site|form|formulir|palsu|penipu\w*|ngaku|mengaku|hadiah|"
    r"undian|apk|aneh|mencurigakan|fake|phishing|phising|scam\w*|nelpon|menelepon|ditelepon|telepon|penelepon|"
    r"caller|whatsapp|wa|sms)\b).*?"
)
_SECRET = (
    r"(?:kode|kodenya|otp|otpnya|code|pin|pinnya|mpin|m pin|password|passwordnya|kata sandi|sandi|cvv|cvc|"
    r"nomor kartu|data kartu|kartu kredit|kartu debit|kartu atm|masa berlaku kartu|token|kode verifikasi|"
    r"kode keamanan|verification code|security code|card number|card details|login details|"
    r"one time password)"
)
_NOT_MODAL = r"(?!bisa\b|boleh\b|dapat\b|akan\b|mungkin\b|aman\b|apakah\b|harus\b)"  # "can it be used by others?"
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
        "otp_shared",
        re.compile(
            # "sudah saya masukkan data kartu", "tadi kelepasan nyebutin PIN ke yang nelpon", "I gave him the code"
            rf"\b(?:sudah|barusan|terlanjur|tadi|kemarin|semalam|tidak sengaja|kelepasan|kebablasan|keceplosan|"
            rf"already|just|accidentally)\b.{{0,30}}\b{_TELL}\b.{{0,30}}\b{_SECRET}\b|"
            rf"{_ELSEWHERE}\b(?:sudah|barusan|terlanjur|tadi|kemarin|semalam|tidak sengaja|kepencet|already|just|"
            rf"accidentally)\b.{{0,30}}\b{_ENTER}\b.{{0,30}}\b{_SECRET}\b|"
            rf"\b{_SECRET}\b(?: \w+){{0,3}} (?:(?:sudah|terlanjur|tadi|barusan) (?:saya |aku |kami )?|"
            rf"(?:saya|aku|kami) (?:sudah |terlanjur |tadi |barusan )?)(?:{_TELL}|kirim|kirimkan|kirimin|dikasih|"
            rf"diberikan|disebut|disebutkan|kesebut|kesebutin|dishare|dikirim|dikirimkan)\b.{{0,15}}"
            rf"\b(?:ke|kepada|sama|buat|untuk|to)\b(?! (?:mana|siapa|apa|aplikasi|app|form|halaman|menu|kolom|sini))|"
            rf"\b(?:saya|aku|kami|ibu saya|ayah saya|orang tua saya|mama saya|papa saya)\b (?:sudah |terlanjur |tadi |"
            rf"barusan |malah |juga )?(?:kasih|kasihkan|ngasih|berikan|memberikan|sebutkan|sebutin|menyebutkan|"
            rf"bacakan|bacain|share|kirimkan|kirimin)\b (?:\w+ ){{0,2}}{_SECRET}\b|"
            rf"\b(?:i|we|my (?:mom|mother|dad|father|wife|husband))\b (?:\w+ ){{0,2}}(?:gave|shared|sent|told|"
            rf"read out)\b"
            rf".{{0,30}}\b{_SECRET}\b|"
            rf"{_ELSEWHERE}\b(?:i|we|my (?:mom|mother|dad|father|wife|husband))\b (?:\w+ ){{0,2}}(?:entered|typed|"
            rf"put in)\b.{{0,30}}\b{_SECRET}\b|"
            # the code itself, pasted into the chat: "ini kodenya 123456", "otp nya 4821 93", "my code is 482913"
            r"\b(?:kodenya|otp|otpnya|kode otp|kode verifikasi|kode sms|pin|pinnya|verification code|security code|"
            r"otp code|login code|my code)\b"
            r"(?: (?:nya|saya|aku|ku|my|is|adalah|yaitu|yakni|nih|ini|tadi|yang|masuk|barusan|otp|sms|dari|ke|di|hp|"
            r"handphone|ponsel|rimbun|wa|whatsapp|lewat|via)){0,7}"
            r" (?!1500|0?8\d|62)\d{4,8}(?: \d{2,4})?\b(?! (?:ribu|rb|juta|jt|persen|hari|jam|menit|detik|kali|x|digit|"
            r"angka|karakter|"
            r"berlaku|masih|bisa|untuk|diskon|promo|voucher))|"
            rf"\b(?:klik|ngeklik|mengklik|kepencet|buka|membuka|clicked|opened|tapped)\b(?: \w+){{0,4}} (?:link|"
            rf"linknya|"
            rf"tautan|url)\b.{{0,50}}\b{_ENTER}\b.{{0,20}}\b{_SECRET}\b|"
            r"\b(?:dimintai|diminta|dimintain)\b.{0,20}\b(?:otp|kode otp|pin|cvv|password|kata sandi)\b.{0,30}"
            r"\b(?:sudah|terlanjur|lalu saya|terus saya|dan saya) (?:saya |aku )?(?:kasih|berikan|kirim|sebutkan|"
            r"kasihkan|sebutin)"
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
        "account_takeover",
        re.compile(
            # hacked, in every spelling: "di hek", "kena hack", "kehack", "akunku kebobol", "got hacked"
            r"\b(?:di ?hek|di ?hak|di ?heck|di ?hax|di ?hacked|kehack|ke hack|kehek|ke hek|kena (?:hack|hek|hak|heck|"
            r"retas|bobol|bajak|hacker|hacked)|kebobol|kebajak|keretas|dibobolin|membobol|meretas|membajak|"
            r"ngehack|ngehek|hack akun|hek akun)\b|"
            r"\b(?:got|get|been|was|were|is|has been|have been|being) (?:hacked|compromised|hijacked|breached|"
            r"taken over)|\b(?:hacked|compromised|hijacked|breached) (?:my |our )?(?:account|acc|akun)|"
            r"\b(?:someone|somebody|a hacker|hackers|a scammer|scammers) (?:has |had )?(?:hacked|accessed|broke into|"
            r"got into|logged into|logged in to|took over|taken over|stole|changed|is using|used|has access)\b|"
            r"\b(?:took|taken|take) over (?:my|our) (?:account|acc)|(?:account|acc) (?:takeover|taken over)|"
            # the account taken: "akun saya diambil orang", "akunku direbut", "dikuasai hacker"
            r"\b(?:akun|akunku|account|acc)(?: (?:saya|aku|ku|kami|rimbun|my|sepertinya|kayaknya|kayanya|mungkin|"
            r"sudah|telah|tiba tiba|was|has been|got|toko|seller|penjual|bisnis|shop))* (?:diambil (?:orang|alih|"
            r"hacker|penipu)|dicuri|direbut|"
            r"dikuasai|dirampas|dibawa kabur|dipegang orang|dikloning|diklon)\b|"
            # credentials changed by someone else
            r"\b(?:password|passwordnya|kata sandi|sandi|sandinya|pin|email|e mail|emailnya|nomor hp|nomor telepon|"
            r"nomor handphone|nomor ponsel|nomor wa|nomor whatsapp|hp|alamat|alamatnya|alamat email|alamat pengiriman|"
            r"rekening|nomor rekening|rekening penarikan|data akun|profil|username|nama akun)\b"
            r"(?: \w+){0,5} (?:diganti|diubah|dirubah|changed|replaced|updated|ganti ganti|diganti ganti)\b"
            r"(?: \w+){0,6} (?:orang|seseorang|oleh orang|sama orang|orang lain|bukan saya|bukan oleh saya|not by me|"
            r"by someone|hacker|penipu|oknum)\b|"
            r"\b(?:password|kata sandi|sandi|pin|email|nomor hp|nomor telepon|alamat|alamat pengiriman|rekening|"
            r"profil|nama akun|data akun)\b(?: \w+){0,4} (?:berubah|terganti|keganti|keubah)(?: \w+){0,2} "
            r"(?:sendiri|sendirinya|dengan sendirinya)\b|"
            r"\b(?:tiba tiba|mendadak)\b(?: \w+){0,4} (?:password|kata sandi|sandi|pin|email|nomor hp|alamat|"
            r"alamat pengiriman|rekening)\b(?: \w+){0,3} (?:berubah|terganti|keganti|diganti|diubah)\b|"
            r"\bpadahal (?:saya|aku|kami)? ?(?:tidak|belum|tidak pernah|tidak merasa) (?:pernah )?(?:mengubah|"
            r"mengganti|"
            r"ganti|ubah|merubah|ngubah|ngganti|gantiin|ganti ganti|ubah ubah|mengubahnya|menggantinya)\b|"
            r"\bi (?:never|did not|didn t|didnt|have not|haven t) (?:changed|change|updated|update|reset) (?:my|the|"
            r"our) "
            r"(?:password|email|phone|number|address|pin|details)\b|"
            r"\b(?:logout|log out|ter logout|ke logout|terlogout|kelogout|keluar sendiri|logged out)\b.{0,40}"
            r"\b(?:password|sandi|kata sandi)\b(?: \w+){0,3} (?:tidak cocok|berubah|diganti|salah terus|sudah beda)\b|"
            # "akun saya login di hp lain" with a sign that it was not the customer
            r"^(?=.*\b(?:padahal|bukan saya|tidak saya|sendiri|ke ?logout|ter ?logout|keluar sendiri|curiga|tiba tiba|"
            r"tanpa|not me|wasn t me)\b).*\b(?:akun|akunku|account)(?: (?:saya|aku|ku|kami|my|rimbun))* (?:ter ?login|"
            r"kelogin|login|masuk|logged in|signed in) (?:di|dari|on|from|pakai|pake) (?:hp|handphone|ponsel|device|"
            r"perangkat|iphone|android|laptop|komputer|pc|tablet|browser|kota|lokasi|negara) (?:lain|asing|aneh|"
            r"tidak dikenal|unknown|another|other)\b|"
            # "tiba-tiba nomor hp di profil saya jadi nomor orang lain"
            r"\b(?:nomor hp|nomor telepon|nomor|email|e mail|alamat|alamat email|rekening)\b.{0,40}\b(?:berubah jadi|"
            r"berubah menjadi|diganti jadi|diganti dengan|diganti ke|keganti jadi|keganti) (?:\w+ )?(?:orang lain|"
            r"punya "
            r"orang|milik orang|orang yang tidak (?:saya )?kenal|yang tidak saya kenal|asing)\b|"
            r"\b(?:tiba tiba|mendadak|kok)\b.{0,40}\b(?:nomor hp|nomor telepon|nomor|email|e mail|alamat|alamat email|"
            r"rekening)\b.{0,30}\bjadi (?:\w+ )?(?:orang lain|punya orang|milik orang|asing)\b|"
            # someone else signs in
            r"\b(?:ada yang|ada orang|orang lain|seseorang|someone|somebody|padahal|bukan saya|not me)\b.{0,50}"
            r"\b(?:login|log in|masuk|akses|mengakses|sign in|signed in|logged in|logged into|accessed)\b.{0,40}"
            r"\b(?:hp|handphone|ponsel|device|perangkat|iphone|android|laptop|komputer|pc|tablet|browser|kota|"
            r"lokasi|negara|tempat|ip|phone) (?:lain|asing|baru|aneh|luar negeri|yang tidak (?:saya |aku )?"
            r"(?:kenal|kenali|dikenal)|tidak dikenal|unknown|other|another|different)\b|"
            r"\b(?:notif|notifikasi|pemberitahuan|email|sms|alert|peringatan)\b.{0,30}\b(?:login|log in|akses|"
            r"sign in|signed in|logged in)\b.{0,40}\b(?:(?:hp|handphone|ponsel|device|perangkat|iphone|android|laptop|"
            r"komputer|pc|tablet|browser|kota|lokasi|negara|ip) (?:asing|aneh|mencurigakan|tidak dikenal|yang tidak "
            r"(?:saya |aku )?(?:kenal|kenali))|luar negeri|unknown (?:device|location|phone)|"
            r"unrecogni[sz]ed (?:device|location|phone)|another (?:country|city))\b|"
            r"\b(?:ada|muncul|terdapat|kok ada)\b.{0,20}\b(?:hp|handphone|ponsel|device|perangkat|iphone|android|"
            r"laptop|komputer|pc|tablet|browser|sesi|session) (?:asing|lain|tidak dikenal|aneh)\b.{0,25}"
            r"\b(?:login|masuk|terhubung|tersambung|terdaftar|aktif|logged)\b|"
            r"\b(?:ada|masuk|nyusup|menyusup)\b(?: \w+){0,2} (?:orang|seseorang|hacker|penipu) (?:lain )?(?:yang )?"
            r"(?:masuk|login|nyusup|menyusup|akses|mengakses|pakai|pake|memakai|menggunakan)\b(?: \w+){0,3} "
            r"(?:akun|account)|"
            # SIM swap, the phone number hijacked
            r"\b(?:sim swap|simswap|swap sim|sim (?:card )?(?:swapped|hijacked|cloned)|kartu sim (?:saya |"
            r"aku )?(?:diganti|"
            r"dibajak|diambil alih|dikloning|diblokir orang|dipindah)|nomor (?:hp |telepon |wa |whatsapp )?(?:saya |"
            r"aku )?"
            r"(?:dibajak|diambil alih|dikloning|diambil orang|dipakai orang)|(?:number|whatsapp) "
            r"(?:was |got |has been )?(?:hijacked|ported|swapped|cloned)|ported my (?:number|sim|phone number))\b|"
            # the account (or its money) used by someone else
            rf"\b(?:akun|akunku|account|saldo|paylater|kartu|rekening|voucher|koin|poin|limit|ktp|nik|identitas)"
            rf"(?: {_NOT_MODAL}\w+){{0,3}} (?:dipakai|dipake|digunakan|kepake|terpakai|dimanfaatkan|disalahgunakan|"
            r"diakses|dikuras|dibelanjakan|used|accessed)\b(?: \w+){0,4} (?:orang|oleh orang|oleh pihak|sama orang|"
            r"pihak lain|seseorang|penipu|hacker|by someone|by a stranger|buat belanja orang)\b|"
            r"\b(?:ada yang|ada orang|orang lain|seseorang) (?:pakai|pake|memakai|menggunakan|gunakan|masuk ke|"
            r"login ke|login|akses|mengakses|buka|membuka|ambil|mengambil|kuras|menguras|bobol) (?:akun|akunku|saldo|"
            r"paylater|kartu|rekening|voucher|koin|limit|data) (?:saya|aku|ku|kami|rimbun saya)\b|"
            r"\b(?:someone|somebody|a stranger|strangers) (?:is |has been |keeps )?(?:using|used|spending|spent|"
            r"accessing|ordering with) (?:my|our)\b"
        ),
    ),
    (
        "unknown_transaction",
        re.compile(
            r"\b(?:bukan saya|bukan aku|bukan gw|not me)\b(?! yang (?:terima|menerima|ambil|mengambil|tanda tangan))|"
            r"\b(?:i did not make|i didnt make|i never made|i never ordered|"
            r"tidak saya buat)\b|"
            # not "... tidak pernah saya terima" (never received: a delivery question)
            r"\btidak pernah saya\b(?! (?:terima|dapat|dapatkan|ketahui|mengerti|paham))|"
            r"\b(?:potongan|transaksi|tagihan|pesanan|order|orderan|pembayaran|debit|penarikan|pembelian|mutasi)\b"
            r".{0,30}\byang saya (?:tidak|tidak pernah|sama sekali tidak) (?:tahu|ketahui|kenal|kenali|lakukan|buat|"
            r"setujui)\b|"
            r"\byang tidak saya\b(?! (?:terima|dapat|dapatkan|mengerti|pahami|paham|ngerti|suka|sukai|inginkan|"
            r"harapkan))"
        ),
    ),
    (
        "unknown_transaction",
        re.compile(
            # a charge or order the customer never made: "tagihan paylater padahal saya tidak belanja"
            r"\b(?:tagihan|paylater|pay later|kartu kredit|kartu debit|cc|rekening|saldo|gopay|ovo|dana|shopeepay|"
            r"limit|cicilan|pembayaran|transaksi|pesanan|order|orderan|pembelian|potongan|debit|mutasi|charge|"
            r"charges|bill|billing|invoice|uang|duit)\b.{0,80}\b(?:(?:padahal|even though|although)\b "
            r"(?:saya |aku |kami |i |we )?(?:tidak|tidak pernah|belum pernah|sama sekali tidak|lagi tidak|never|"
            r"did not|didn t|didnt|haven t|have not|don t|dont|do not)|(?:tapi|tetapi|but|and) (?:saya |aku |kami |i |"
            r"we )?(?:tidak pernah|belum pernah|sama sekali tidak|tidak merasa|never))"
            r" (?:pernah |merasa |ngerasa |sedang |lagi |even |ever )?(?:belanja|berbelanja|beli|"
            r"membeli|transaksi|bertransaksi|melakukan transaksi|melakukan pembayaran|order|pesan|memesan|checkout|"
            r"check out|pakai|pake|memakai|menggunakan|bayar|membayar|daftar|mendaftar|aktifkan|mengaktifkan|punya|"
            r"login|buka aplikasi|buy|bought|purchase|purchased|ordered|use|used|make|made|place|placed|"
            r"sign up|signed up|apply|applied|authori[sz]e|authori[sz]ed)\b|"
            r"\b(?:tidak|belum) (?:pernah )?(?:merasa|ngerasa) (?:pernah )?(?:belanja|beli|membeli|order|pesan|"
            r"memesan|transaksi|bertransaksi|melakukan|checkout|check out|bayar|membayar|pakai|pake|menggunakan|"
            r"daftar|mendaftar|mengajukan)\b|"
            r"\bi (?:never|did not|didn t|didnt|have not|haven t|do not|don t|dont) (?:\w+ )?(?:make|made|place|placed|"
            r"authori[sz]e|authori[sz]ed|buy|bought|purchase|purchased|recogni[sz]e|approve|approved|"
            r"request|requested|sign up for|signed up for|apply for|applied for)\b|"
            r"\b(?:unrecogni[sz]ed|unknown|unauthori[sz]ed|fraudulent|mysterious) (?:charge|charges|transaction|"
            r"transactions|payment|payments|order|orders|purchase|purchases|debit|withdrawal|bill)\b|"
            r"\bsuspicious (?:charge|charges|transaction|transactions|payment|payments|order|orders|purchase|"
            r"purchases|login|logins|activity) (?:on|in|from) (?:my|our)\b|"
            r"\b(?:tagihan|paylater|transaksi|pesanan|order|orderan|pembelian|pembayaran|potongan|debit|mutasi|"
            r"penarikan|checkout)(?: \w+){0,2} (?:asing|aneh|misterius|fiktif|siluman|gelap|tidak dikenal|"
            r"yang tidak dikenal|tak dikenal|tidak jelas asalnya|mencurigakan|bukan dari saya)\b"
            r"(?! (?:itu |tersebut )?(?:apa|bagaimana|ciri|seperti apa))|"
            # money gone: "saldo saya raib", "rekening terkuras", "limit paylater habis dipakai orang"
            r"\b(?:saldo|uang|dana|limit|koin|poin|rekening|tabungan|saldo rimbun|balance|money|funds)"
            r"(?: \w+){0,3} (?:raib|lenyap|terkuras|dikuras|ludes|amblas|tinggal nol|habis sendiri|"
            r"berkurang sendiri|kepotong sendiri|terpotong sendiri|hilang sendiri|dibobol|dicuri|disedot|"
            r"habis dipakai orang|dipakai orang|drained|stolen|vanished)\b|"
            r"\b(?:saldo|saldo rimbun|rekening|tabungan|balance)(?: \w+){0,3} (?:hilang|gone|missing|disappeared)\b|"
            r"\b(?:dipakai|dipake|digunakan) (?:orang|pihak lain|seseorang) (?:untuk|buat|for) (?:belanja|beli|order|"
            r"checkout|transaksi|pinjam|pinjaman|daftar)\b"
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
    (
        "impersonation_scam",
        re.compile(
            r"\b(?:ngaku|mengaku|ngakunya|mengatasnamakan|pura pura|berpura pura|menyamar|claiming to be|"
            r"claimed to be|posing as|pretended to be|impersonat\w*)\b.{0,40}\b(?:admin|cs|kurir|rimbun|petugas|"
            r"customer service|karyawan|pegawai|staf|staff|tim|bank|courier|agent|support)\b.{0,80}"
            r"\b(?:(?:saya|aku|kami|sudah|terlanjur|tadi|barusan|lalu|terus|i|we|already|and i|then i)\b(?: \w+){0,2} "
            r"(?:transfer|transfernya|bayar|membayar|kirim uang|kirim duit|kasih|kasihkan|berikan|klik|install|instal|"
            r"download|isi|mengisi|paid|sent|clicked|installed|gave|shared|entered|transferred)|tertipu|ditipu|"
            r"raib|terkuras|rugi|kehilangan|lost)\b|"
            r"\b(?:korban|victim of|victims of)\b (?:\w+ )?(?:penipuan|penipu|scam|scammer|phishing|phising|"
            r"tipu|tipuan|hipnotis|social engineering|fraud|kejahatan|pembobolan|peretasan|hack)\b|"
            r"\b(?:kena|terkena|tertipu) (?:\w+ )?(?:penipuan|scam|phising|phishing|hipnotis|"
            r"social engineering|modus|link palsu|link penipuan|web palsu|situs palsu|apk)\b|"
            r"\b(?:got|been|was|were|get|getting) (?:scammed|phished|defrauded|conned|tricked|ripped off by)|"
            r"\b(?:fell for|fallen for) (?:a |the |this |that )?(?:scam|phishing|fake)|"
            r"\b(?:dihipnotis|kena hipnotis|digendam)\b|"
            r"\b(?:di|men|ter)?transfer\w*\b.{0,30}\b(?:penipu|scammer|rekening palsu|rekening penipu|"
            r"rekening pribadi (?:orang|admin|kurir|cs))\b|"
            r"\b(?:uang|duit|dana|saldo) (?:saya |aku |kami )?(?:sudah )?(?:dibawa kabur|dibawa lari|digondol)\b|"
            r"^(?=.*\b(?:sudah|terlanjur|tertipu|ditipu|kena tipu|hilang|raib|tidak ada kabar|tidak dikirim|"
            r"diblokir|already|scammed)\b).*\b(?:transfer|bayar|membayar|kirim uang|paid|pay)\w*\b(?: \w+){0,3} "
            r"(?:di luar|diluar|lewat luar|outside|outside of) (?:the )?(?:aplikasi|app|rimbun|platform)\b|"
            # a fake link or app opened: the customer clicked it, filled it in, installed it
            r"^(?=.*\b(?:palsu|penipu\w*|phishing|phising|abal abal|mencurigakan|tidak resmi|fake|scam\w*|"
            r"suspicious|hadiah|undian|ngaku|mengaku|mengatasnamakan|apk|aneh)\b).*?"
            r"\b(?:saya|aku|kami|sudah|terlanjur|tadi|barusan|kemarin|tidak sengaja|kepencet|i|we|already|"
            r"accidentally)\b.{0,20}\b(?:klik|ngeklik|mengklik|kepencet|buka|membuka|install|menginstall|menginstal|"
            r"instal|download|mengunduh|unduh|isi|mengisi|login|clicked|opened|installed|downloaded|entered|filled|"
            r"tapped)\b.{0,40}\b(?:link|linknya|tautan|situs|apk|file|form|formulir|barcode|qr|url)\b|"
            r"\b(?:install|instal|menginstall|menginstal|buka|membuka|klik|download|unduh|mengunduh)\w*\b"
            r"(?: \w+){0,3} (?:file )?apk\b"
        ),
    ),
    (
        "legal",
        re.compile(
            r"\b(?:consumer protection|report you|lapor(?:kan)? ke (?:polisi|ylki|bpsk|ojk))\b|"
            r"\b(?:menggugat|gugatan|digugat|tergugat|penggugat|pengadilan|laporan polisi|kepolisian|polda|polres|"
            r"polrestabes|polsek|bareskrim|siber polri|cyber polri|polisi siber|kuasa hukum|advokat|lbh|"
            r"lembaga bantuan hukum|class action|mensomasi|disomasi|perkarakan|memperkarakan|dipidanakan|"
            r"pidanakan|mempidanakan|uu perlindungan konsumen|undang undang perlindungan konsumen|uupk|uu ite|delik|"
            r"menuntut|tuntutan hukum|dituntut|ranah hukum|proses hukum|langkah hukum|tindakan hukum|upaya hukum|"
            r"bantuan hukum|konsultan hukum|tempuh hukum|menempuh jalur|bawa ke (?:ranah )?hukum|lawsuit|suing|"
            r"attorney|solicitor|small claims|take (?:you|this|rimbun|it) to court|in court|to court|"
            r"legal (?:action|steps|proceedings|case|team)|my lawyer|lawyers)\b|"
            r"\b(?:lapor|laporkan|melaporkan|adukan|mengadukan|ngadu|mengadu|aduan|pengaduan|report|complaint)\w*\b"
            r"(?: \w+){0,4} (?:ke |kepada |to |with )?(?:the )?(?:polisi|ylki|bpsk|ojk|kominfo|komdigi|bank indonesia|"
            r"kemendag|dinas perdagangan|disperindag|ombudsman|lembaga perlindungan konsumen|bpkn|kementerian|"
            r"police|authorities|regulator|bank sentral)\b|"
            r"\b(?:melanggar|pelanggaran) (?:hukum|undang undang|uu|pasal|hak konsumen)\b"
        ),
    ),
    (
        "data_leak",
        re.compile(
            r"\b(?:data|ktp|foto ktp|selfie ktp|nik|kk|kartu keluarga|identitas|nomor hp|nomor telepon|"
            r"nomor saya|alamat rumah|email|e mail|npwp|paspor|passport|informasi pribadi|"
            r"data pribadi|data diri|data pelanggan|data akun|id card|identity card|personal details|personal data|"
            rf"personal information|details)\b(?: {_NOT_MODAL}\w+){{0,3}} (?:being sold|sold|bocor|dibocorkan|"
            r"kebocoran|tersebar|disebar|disebarkan|disebarluaskan|diperjualbelikan|disalahgunakan|dicuri|"
            r"diakses orang|dipakai orang|digunakan orang|dipakai pinjol|buat pinjol|untuk pinjol|leaked|exposed|"
            r"stolen|misused|breached)\b|"
            r"\b(?:data|nomor|alamat|foto|ktp) (?:saya |aku |pribadi saya )?(?:dijual|dijual belikan)\b|"
            r"\b(?:kebocoran data|data breach|data leak|leaked my|doxing|didoxing|doxxed)\b|"
            r"\b(?:pinjol|pinjaman online|debt collector|dc|penagih|penagihan)\b.{0,50}\b(?:atas nama saya|"
            r"pakai (?:nama|ktp|data|nik|identitas) saya|pake (?:nama|ktp|data|nik|identitas) saya|nama saya|"
            r"padahal saya tidak|padahal tidak pernah|tidak pernah (?:pinjam|meminjam|ngajuin|mengajukan|daftar))\b|"
            r"\b(?:pinjaman|kredit|paylater)\b.{0,50}\b(?:pakai (?:nama|ktp|data|nik|identitas) saya|"
            r"pake (?:nama|ktp|data|nik|identitas) saya|padahal saya tidak pernah (?:pinjam|meminjam|mengajukan|"
            r"ngajuin|daftar|mendaftar))\b|"
            r"\b(?:nagih|menagih|ditagih|tagih|neror|meneror|diteror|teror)\w*\b.{0,40}\b(?:pinjol|pinjaman|"
            r"utang|hutang)\b.{0,40}\b(?:bukan|padahal|tidak pernah|atas nama)\b|"
            r"\b(?:didaftarkan|didaftarin|terdaftar|dipakai daftar|dipakai buat daftar|digunakan untuk daftar)\b"
            r"(?: \w+){0,3} (?:pinjol|paylater|pinjaman|kredit)\b.{0,40}\b(?:tanpa|padahal|bukan|tidak pernah)\b|"
            r"\b(?:nomor|data|alamat|foto) (?:saya |aku )?(?:disebar|disebarkan)\b"
        ),
    ),
    (
        "harassment",
        re.compile(
            r"\b(?:diteror|meneror|neror|teror|dilecehkan|melecehkan|pelecehan|diancam|ngancam|ngancem|diancem|"
            r"mengancam (?:saya|aku|kami|"
            r"keluarga)|ancam saya|harassed|harassment|stalking|stalked|threatened me|threatening me)\b"
        ),
    ),
    (
        "freeze_request",
        re.compile(
            # an account, card or balance to be frozen now because someone may be using it
            r"\b(?:tolong|mohon|minta|segera|cepat|cepetan|buruan|please|urgent|darurat)\b(?: \w+){0,3} "
            r"(?:blokir|blokirin|bekukan|bekuin|freeze|block|lock|suspend|kunci|amankan)\b"
            r"(?: \w+){0,2} (?:akun|akunku|account|acc|kartu|paylater|saldo|rekening|card)\b|"
            r"\b(?:freeze|block|lock|suspend) (?:my|our) (?:account|acc|card|paylater|balance)\b|"
            r"^(?:(?:kak|min|mas|mbak|halo|tolong|mohon|please|pls|cepat|segera) )*(?:blokir|blokirin|bekukan|bekuin|"
            r"freeze|block|lock|suspend|kunci) (?:\w+ )?(?:akun|akunku|account|acc|kartu|paylater|saldo|rekening|card)"
            r"(?: (?:saya|aku|ku|my|rimbun|paylater))*(?: (?:dong|ya|sekarang|segera|secepatnya|please|pls|kak|min|"
            r"cepat|juga|sementara|dulu))*$|"
            r"^(?:(?:kak|min|mas|mbak|halo|tolong|mohon|please|pls|cepat|segera) )*(?:blokir|blokirin|bekukan|bekuin|"
            r"freeze|block|lock|suspend|kunci) (?:\w+ )?(?:akun|akunku|account|acc|kartu|paylater|saldo|rekening|card)"
            r"\b.{0,60}\b(?:ada yang|orang|someone|dipakai|dipake|dibobol|hacker|penipu|dicuri|hilang|curiga)\b|"
            r"\b(?:hp|handphone|ponsel|phone|iphone)(?: \w+){0,2} (?:hilang|dicuri|dicopet|kecopetan|dijambret|"
            r"kejambret|dirampok|stolen|lost|got stolen)\b.{0,80}\b(?:blokir|blokirin|bekukan|bekuin|amankan|freeze|"
            r"block|lock|takut (?:\w+ )?(?:dipakai|disalahgunakan|dibobol|dipake)|masih (?:ter ?login|login|"
            r"masuk)|still logged in|log out|logout|keluarkan)\b"
        ),
    ),
    (
        "press",
        re.compile(r"\b(?:saya|kami|i am|i m|we are) (?:\w+ )?(?:wartawan|jurnalis|reporter|journalist|dari media)\b"),
    ),
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
    asks_person = any(p.search(text) for p in HUMAN_REQUEST)
    how_to = bool(HOW_TO.search(text)) or (
        bool(GENERAL_QUESTION.search(text)) and not asks_person and not _HAPPENED.search(text)
    )
    return MessageSignals(
        human_request=not how_to and asks_person,
        sensitive=None if how_to else _sensitive(text, sensitive_topics),
        anger=anger_score(message),
        repeated=_asked_again(text, history),
        injection=any(p.search(text) for p in INJECTION),
        how_to=how_to,
    )


def anger_score(message: str) -> float:
    """0..1 from insults, anger words, shouting, !!!/??? runs, threats and repeated complaints."""
    text = _NEUTRAL.sub(" ", normalise(message))
    words = text.split()
    score = 0.6 * min(1, sum(w in INSULTS for w in words) + len(INSULT_PHRASES.findall(text)))
    score += 0.3 * min(2, sum(w in ANGER_WORDS for w in words) + len(ANGER_PHRASES.findall(text)))
    shouted = [w for w in re.findall(r"[A-Za-z]{2,}", message) if w.isupper() and w not in ACRONYMS]
    letters = [c for c in message if c.isalpha()]
    if len(shouted) >= 3 or (len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8):
        score += 0.35
    if re.search(r"[!?]{3,}|\?!|!\?", message):
        score += 0.2
    if REPEATED_COMPLAINT.search(text) or FED_UP.search(text):
        score += 0.5
    elif INTENSE.search(text):
        score += 0.1 if is_question(message) else 0.5
    elif WAITING_COMPLAINT.search(text):
        score += 0.25
    if THREATS.search(text) and not HOW_TO.search(text):
        score += 0.5
    elif THREATS.search(text) or WEAK_THREATS.search(text):
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
