"""The JSON API over FastAPI's TestClient: the real app, engine, model and SQLite store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.server.services import Services
from tests.app.server.conftest import AGENT

pytestmark = pytest.mark.slow  # the real embedding model answers


def start(client: TestClient, lang: str = "id") -> dict[str, str]:
    response = client.post("/api/v1/conversations", json={"lang": lang})
    assert response.status_code == 201, response.text
    return dict(response.json())


def send(client: TestClient, conversation: dict[str, str], text: str) -> dict[str, Any]:
    url = f"/api/v1/conversations/{conversation['conversation_id']}/messages"
    response = client.post(url, json={"token": conversation["token"], "text": text})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_question_gets_the_recorded_answer_with_its_source(client: TestClient, services: Services) -> None:
    conversation = start(client)
    reply = send(client, conversation, "refund saya kapan masuk ya?")

    assert reply["decision"] == "answer" and reply["reason"] is None
    assert "3–7 hari kerja" in reply["text"]
    assert reply["sources"][0]["doc_id"] == "refund-lama"
    assert reply["sources"][0]["title"] == "Berapa lama proses refund?"
    assert 0 < reply["confidence"] <= 1 and reply["case_id"] is None and reply["lang"] == "id"
    transcript = services.store.transcript(conversation["conversation_id"])
    assert [(m.role, m.id) for m in transcript.messages][-1] == ("bot", reply["message_id"])
    assert [m.content for m in transcript.messages] == ["refund saya kapan masuk ya?", reply["text"]]
    assert transcript.conversation.channel == "api"


def test_a_request_for_a_person_opens_a_case_and_agent_replies_arrive_by_polling(
    client: TestClient, services: Services
) -> None:
    conversation = start(client)
    reply = send(client, conversation, "mau bicara dengan cs manusia")
    assert reply["decision"] == "handoff" and reply["reason"] == "human_request"
    assert reply["case_id"] and reply["sources"] == []
    assert "antrean nomor 1" in reply["text"]
    case_id = reply["case_id"]
    assert [case.id for case in services.agents.queue()] == [case_id]

    assert services.agents.claim(case_id, AGENT)
    agent_message = services.agents.reply(case_id, AGENT, "Halo, saya Sari. Ada yang bisa saya bantu?")
    url = f"/api/v1/conversations/{conversation['conversation_id']}/messages"
    polled = client.get(url, params={"token": conversation["token"], "after": reply["message_id"]})
    assert polled.status_code == 200
    assert polled.json()["messages"] == [
        {
            "id": agent_message.id,
            "role": "agent",
            "text": "Halo, saya Sari. Ada yang bisa saya bantu?",
            "agent_name": AGENT,
            "created_at": polled.json()["messages"][0]["created_at"],
        }
    ]
    later = client.get(url, params={"token": conversation["token"], "after": agent_message.id})
    assert later.json() == {"messages": []}

    while_with_agent = send(client, conversation, "refund saya kapan masuk?")
    assert while_with_agent["decision"] is None and while_with_agent["case_id"] == case_id  # joins the case


def test_the_agent_button_and_feedback_endpoints(client: TestClient, services: Services) -> None:
    conversation = start(client, "en")
    base = f"/api/v1/conversations/{conversation['conversation_id']}"
    reply = send(client, conversation, "how long does a refund take")
    thumbs = {"token": conversation["token"], "kind": "thumbs", "value": -1, "message_id": reply["message_id"]}
    assert client.post(f"{base}/feedback", json=thumbs | {"reason": "too vague"}).status_code == 201
    bad = client.post(f"{base}/feedback", json={"token": conversation["token"], "kind": "csat", "value": 9})
    assert bad.status_code == 422 and "csat" in bad.text

    case = client.post(f"{base}/agent", json={"token": conversation["token"]})
    assert case.status_code == 200
    assert case.json()["status"] == "waiting" and case.json()["in_hours"] is True
    assert case.json()["position"] == 1 and case.json()["channels"] == ["live", "callback", "email"]
    assert services.store.case(case.json()["case_id"]).reason == "customer_button"


def test_a_wrong_token_or_unknown_conversation_is_not_found(client: TestClient) -> None:
    conversation = start(client)
    send(client, conversation, "refund saya kapan masuk ya?")
    base = f"/api/v1/conversations/{conversation['conversation_id']}"
    wrong = "not-the-token"
    calls = [
        client.post(f"{base}/messages", json={"token": wrong, "text": "halo"}),
        client.get(f"{base}/messages", params={"token": wrong}),
        client.post(f"{base}/agent", json={"token": wrong}),
        client.post(f"{base}/feedback", json={"token": wrong, "kind": "csat", "value": 5}),
        client.get("/api/v1/conversations/unknown/messages", params={"token": conversation["token"]}),
    ]
    assert [call.status_code for call in calls] == [404] * 5
    assert "token" in calls[0].json()["detail"]


def test_empty_and_over_long_messages(client: TestClient, services: Services) -> None:
    conversation = start(client)
    url = f"/api/v1/conversations/{conversation['conversation_id']}/messages"
    empty = client.post(url, json={"token": conversation["token"], "text": "   "})
    assert empty.status_code == 422
    long = send(client, conversation, "refund saya belum masuk juga, tolong dicek ya " * 60)
    assert long["decision"] is None and "terlalu panjang" in long["text"]
    assert [m.role for m in services.store.transcript(conversation["conversation_id"]).messages] == ["customer", "bot"]


def test_the_api_is_documented(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
        "/api/v1/conversations/{conversation_id}/agent",
        "/api/v1/conversations/{conversation_id}/feedback",
    }
    assert client.get("/api/docs").status_code == 200
