"""Incidents that always need a person, whatever the configured topic list says: a shared OTP, an account taken
over, an unknown transaction, a scam, legal steps, leaked data, harassment, a request to freeze, the press."""

from __future__ import annotations

import re

from app.answer.rules.words import one_of

# Incidents that always need a person, whatever the configured topic list says.
_TELL = one_of(
    """kasih, kasihkan, kasi, ngasih, kasih tahu, kasih tau, berikan, memberikan, beri, sebut, sebutin, sebutkan,
    menyebutkan, bacakan, bacain, membacakan, share, fotoin, gave, given, told, shared, read out"""
)
_ENTER = one_of(
    """masukkan, masukin, memasukkan, input, inputkan, isi, isikan, mengisi, ketik, ketikkan, entered, typed,
    put in"""
)
# where a secret typed in was not the shop's own app: a link, a fake page, a caller
_ELSEWHERE = (
    r"^(?=.*\b(?:link|linknya|tautan|situs|web|website|site|form|formulir|palsu|penipu\w*|ngaku|mengaku|hadiah|"
    r"undian|apk|aneh|mencurigakan|fake|phishing|phising|scam\w*|nelpon|menelepon|ditelepon|telepon|penelepon|"
    r"caller|whatsapp|wa|sms)\b).*?"
)
_SECRET = one_of(
    """kode, kodenya, otp, otpnya, code, pin, pinnya, mpin, m pin, password, passwordnya, kata sandi, sandi, cvv,
    cvc, nomor kartu, data kartu, kartu kredit, kartu debit, kartu atm, masa berlaku kartu, token,
    kode verifikasi, kode keamanan, verification code, security code, card number, card details, login details,
    one time password"""
)
_NOT_MODAL = r"(?!bisa\b|boleh\b|dapat\b|akan\b|mungkin\b|aman\b|apakah\b|harus\b)"  # "can it be used by others?"
# what a customer asks to freeze, how, and the words that urge it ("kak tolong blokir akun saya")
_HOLDING = one_of("akun, akunku, account, acc, kartu, paylater, saldo, rekening, card")
_FREEZE = one_of("blokir, blokirin, bekukan, bekuin, freeze, block, lock, suspend, kunci")
_URGING = r"(?:(?:kak|min|mas|mbak|halo|tolong|mohon|please|pls|cepat|segera) )"
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
            rf"(?:{_FREEZE}|amankan)\b(?: \w+){{0,2}} {_HOLDING}\b|"
            r"\b(?:freeze|block|lock|suspend) (?:my|our) (?:account|acc|card|paylater|balance)\b|"
            rf"^{_URGING}*{_FREEZE} (?:\w+ )?{_HOLDING}"
            r"(?: (?:saya|aku|ku|my|rimbun|paylater))*(?: (?:dong|ya|sekarang|segera|secepatnya|please|pls|kak|min|"
            r"cepat|juga|sementara|dulu))*$|"
            rf"^{_URGING}*{_FREEZE} (?:\w+ )?{_HOLDING}"
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
