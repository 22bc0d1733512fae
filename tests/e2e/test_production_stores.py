"""Production set-up: conversations in PostgreSQL, per-conversation locks in Redis.

Skips, saying why, where PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is absent.
"""

from __future__ import annotations

import uuid

import pytest

from tests.support.cluster import POSTGRES, REDIS, reachable
from tests.support.running_bot import RunningBot

pytestmark = pytest.mark.server

@pytest.fixture
def fresh_database():
    if not reachable(POSTGRES):
        pytest.skip("PostgreSQL absent sur 127.0.0.1:5432 : test de production ignoré")
    if not reachable(REDIS):
        pytest.skip("Redis absent sur 127.0.0.1:6379 : test de production ignoré")
    import psycopg2

    name = f"mesotherapy_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def test_conversations_and_clinic_data_go_to_postgresql(tmp_path, fresh_database):
    import psycopg2

    database_url = f"postgresql://postgres@{POSTGRES[0]}:{POSTGRES[1]}/{fresh_database}"
    bot = RunningBot.start(
        tmp_path,
        extra_env={
            "TRACKER_HOST": POSTGRES[0], "TRACKER_DB": fresh_database, "TRACKER_USER": "postgres",
            "TRACKER_PASSWORD": "", "LOCK_STORE_HOST": REDIS[0], "CLINIC_DATABASE_URL": database_url,
        },
        endpoints="endpoints.production.yml",
    )
    try:
        [greeting] = bot.send("prod-1", "bonjour")
        answer = bot.send("prod-1", "combien coute une seance")
        bot.post_json("/chat/rating", {"sender": "prod-1", "answer_key": "faq/cost", "topic": "cost",
                                       "rating": "useful", "question": "combien coute une seance"})
    finally:
        bot.stop()
    assert greeting["text"].startswith("Bonjour") and answer

    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM events WHERE sender_id = 'prod-1' AND type_name = 'user'")
        assert cursor.fetchone()[0] == 2
        cursor.execute("SELECT rating FROM answer_ratings WHERE sender_id = 'prod-1'")
        assert cursor.fetchall() == [("useful",)]
    connection.close()
