"""Database guards for closed council sessions and for ballots.

Once a session is closed its ballots, participations, written opinions, attendance and agenda
items can no longer be inserted, changed or deleted, and the closed session row itself can no
longer change — whatever code runs (the services refuse first; these triggers make it true for
the admin, a shell or a raw query too). A ballot can never be updated at all.

Both backends raise an integrity error (SQLite RAISE(ABORT) / PostgreSQL SQLSTATE 23000), which
Django surfaces as django.db.IntegrityError.

Note for SQLite: a later migration that rebuilds one of these tables (ALTER on SQLite copies the
table) drops its triggers; such a migration must run this one's SQL again.
"""

from django.db import migrations

# (table, how its rows reach the session: through "item_id" or directly by "session_id")
GUARDED = [
    ("awards_ballot", "item_id"),
    ("awards_participation", "item_id"),
    ("awards_writtenopinion", "item_id"),
    ("awards_attendance", "session_id"),
    ("awards_sessionitem", "session_id"),
]

MESSAGE = "awards: the council session is closed"
BALLOT_MESSAGE = "awards: a ballot cannot be changed"


# --- PostgreSQL ----------------------------------------------------------------------------------

PG_FORWARD = [
    """
CREATE OR REPLACE FUNCTION awards_session_is_closed(link text, ref bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM awards_session s
        WHERE s.status = 'closed'
          AND s.id = CASE WHEN link = 'item_id'
                          THEN (SELECT i.session_id FROM awards_sessionitem i WHERE i.id = ref)
                          ELSE ref END
    )
$$;
""",
    f"""
CREATE OR REPLACE FUNCTION awards_session_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    link text := TG_ARGV[0];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF awards_session_is_closed(link, (to_jsonb(OLD) ->> link)::bigint) THEN
            RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF awards_session_is_closed(link, (to_jsonb(NEW) ->> link)::bigint) THEN
            RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
""",
    f"""
CREATE OR REPLACE FUNCTION awards_closed_session_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'closed' THEN
        RAISE EXCEPTION '{MESSAGE} (% on awards_session)', TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
""",
    f"""
CREATE OR REPLACE FUNCTION awards_ballot_no_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{BALLOT_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
""",
    *[
        f"CREATE TRIGGER {table}_closed_guard BEFORE INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION awards_session_guard('{link}');"
        for table, link in GUARDED
    ],
    "CREATE TRIGGER awards_session_closed_guard BEFORE UPDATE OR DELETE ON awards_session "
    "FOR EACH ROW EXECUTE FUNCTION awards_closed_session_guard();",
    "CREATE TRIGGER awards_ballot_no_update BEFORE UPDATE ON awards_ballot "
    "FOR EACH ROW EXECUTE FUNCTION awards_ballot_no_update();",
]

PG_REVERSE = [
    *[f"DROP TRIGGER IF EXISTS {table}_closed_guard ON {table};" for table, _ in GUARDED],
    "DROP TRIGGER IF EXISTS awards_session_closed_guard ON awards_session;",
    "DROP TRIGGER IF EXISTS awards_ballot_no_update ON awards_ballot;",
    "DROP FUNCTION IF EXISTS awards_ballot_no_update();",
    "DROP FUNCTION IF EXISTS awards_closed_session_guard();",
    "DROP FUNCTION IF EXISTS awards_session_guard();",
    "DROP FUNCTION IF EXISTS awards_session_is_closed(text, bigint);",
]


# --- SQLite --------------------------------------------------------------------------------------


def _sqlite_closed(row: str, link: str) -> str:
    if link == "item_id":
        return (
            "EXISTS (SELECT 1 FROM awards_sessionitem i JOIN awards_session s "
            f"ON s.id = i.session_id WHERE i.id = {row}.item_id AND s.status = 'closed')"
        )
    return (
        "EXISTS (SELECT 1 FROM awards_session s "
        f"WHERE s.id = {row}.session_id AND s.status = 'closed')"
    )


def _sqlite_forward() -> list[str]:
    statements = []
    for table, link in GUARDED:
        conditions = {
            "insert": _sqlite_closed("NEW", link),
            "update": f"{_sqlite_closed('OLD', link)} OR {_sqlite_closed('NEW', link)}",
            "delete": _sqlite_closed("OLD", link),
        }
        for op, condition in conditions.items():
            statements.append(
                f"CREATE TRIGGER {table}_closed_{op} BEFORE {op.upper()} ON {table} "
                f"FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
            )
    for op in ("update", "delete"):
        statements.append(
            f"CREATE TRIGGER awards_session_closed_{op} BEFORE {op.upper()} ON awards_session "
            "FOR EACH ROW WHEN OLD.status = 'closed' "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        )
    statements.append(
        "CREATE TRIGGER awards_ballot_no_update BEFORE UPDATE ON awards_ballot "
        f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{BALLOT_MESSAGE}'); END;"
    )
    return statements


def _sqlite_reverse() -> list[str]:
    names = [
        f"{table}_closed_{op}" for table, _ in GUARDED for op in ("insert", "update", "delete")
    ]
    names += ["awards_session_closed_update", "awards_session_closed_delete"]
    names += ["awards_ballot_no_update"]
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


def _run(schema_editor, statements_for):
    statements = statements_for.get(schema_editor.connection.vendor)
    if statements is None:
        return  # another backend: the services' checks still apply
    for statement in statements():
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": lambda: PG_FORWARD, "sqlite": _sqlite_forward})


def reverse(apps, schema_editor):
    _run(schema_editor, {"postgresql": lambda: PG_REVERSE, "sqlite": _sqlite_reverse})


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_default_holidays")]

    operations = [migrations.RunPython(forward, reverse)]
