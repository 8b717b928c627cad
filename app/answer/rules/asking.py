"""What a message asks for: a person now, how something works, or new rules for the bot (an injection)."""

from __future__ import annotations

import re

from app.answer.rules.words import one_of

_WANT = one_of(
    """mau, ingin, pengen, pingin, minta, tolong, bisa, boleh, perlu, butuh, please, pls, can i, could i,
    i want to, i need to, let me, i would like to, id like to, can you, could you"""
)
_TALK = one_of(
    """bicara, ngomong, ngobrol, berbicara, chat, hubungi, dihubungkan, hubungkan, sambungkan, disambungkan,
    sambungin, oper, dioper, operin, alihkan, dialihkan, telepon, telpon, nelpon, talk, speak, connect,
    transfer, nanya, tanya, bertanya, lapor, ngadu, minta tolong, dilayani, dibantu, put me through, escalate,
    eskalasi"""
)
_PERSON = one_of(
    """cs, agen, agent, admin, manusia, orang, operator, petugas, staf, staff, human, person, someone,
    representative, customer service, layanan pelanggan, orang asli, cs asli, real person, live agent,
    member of your, supervisor, atasan, perwakilan, yang jaga, someone from, actual person, orangnya"""
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
HAPPENED = re.compile(
    r"\b(?:saya|aku|kami|ibu saya|orang tua saya|i|we)\b (?:\w+ )?(?:sudah|terlanjur|barusan|tadi|baru saja|"
    r"kemarin|semalam|already|just|have already|ve already|accidentally)\b|\b(?:sudah|terlanjur) (?:saya|aku)\b|"
    r"\b(?:i ve|ive|i have|i just|i already) (?:\w+ )?(?:given|gave|clicked|entered|shared|sent|lost|been)\b"
)

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
