"""The human handoff: the services the chat widget and the agent console call (no UI code here).

chat = ChatService(engine, store, notifiers, settings, category_of=lookup_category(index))
session = chat.start("id")
for event in chat.send(session, "refund saya belum masuk"):   # Delta…, then one Final
    ...
agents = AgentService(store, settings, knowledge_dir, reindex=...)
"""

from app.handoff.agents import AgentService
from app.handoff.chat import ChatService, ReplyEngine
from app.handoff.context import lookup_category
from app.handoff.models import CaseView, ChatEvent, ChatSession, Delta, Final, HandoffOffer
from app.handoff.passwords import hash_password, verify_password

__all__ = [
    "AgentService",
    "CaseView",
    "ChatEvent",
    "ChatService",
    "ChatSession",
    "Delta",
    "Final",
    "HandoffOffer",
    "ReplyEngine",
    "hash_password",
    "lookup_category",
    "verify_password",
]
