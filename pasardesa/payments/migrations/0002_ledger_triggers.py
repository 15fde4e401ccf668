"""PostgreSQL guards the books itself, whatever writes to it.

- A deferred constraint trigger checks, at commit, that every transaction an
  inserted (or, were it allowed, changed) entry touches sums to zero and has at
  least two entries: the posting service checks first, this catches raw SQL or
  a future bug. Deferred, because the entries of one transaction go in one by
  one and only the whole set balances.
- A row trigger refuses UPDATE and DELETE of entries and transactions:
  corrections are reversing transactions. (TRUNCATE, which test runs use to
  empty tables, fires no row trigger.)

SQLite has no such triggers here; there the service and ``check_ledger`` hold
the line (README, Decisions).
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION payments_ledger_check_balanced() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    touched bigint;
    total numeric;
    legs integer;
BEGIN
    FOREACH touched IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.transaction_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.transaction_id END
    ] LOOP
        CONTINUE WHEN touched IS NULL;
        SELECT COALESCE(SUM(amount_idr), 0), COUNT(*) INTO total, legs
        FROM payments_ledgerentry WHERE transaction_id = touched;
        IF total <> 0 THEN
            RAISE EXCEPTION 'ledger transaction % does not sum to zero (sum %)', touched, total
                USING ERRCODE = 'check_violation';
        END IF;
        IF legs = 1 THEN
            RAISE EXCEPTION 'ledger transaction % has a single entry', touched
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER payments_ledgerentry_balanced
AFTER INSERT OR UPDATE OR DELETE ON payments_ledgerentry
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION payments_ledger_check_balanced();

CREATE FUNCTION payments_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% of % refused: ledger rows are immutable, post a reversal', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER payments_ledgerentry_immutable
BEFORE UPDATE OR DELETE ON payments_ledgerentry
FOR EACH ROW EXECUTE FUNCTION payments_ledger_refuse_change();

CREATE TRIGGER payments_ledgertransaction_immutable
BEFORE UPDATE OR DELETE ON payments_ledgertransaction
FOR EACH ROW EXECUTE FUNCTION payments_ledger_refuse_change();
"""

DROP = """
DROP TRIGGER IF EXISTS payments_ledgertransaction_immutable ON payments_ledgertransaction;
DROP TRIGGER IF EXISTS payments_ledgerentry_immutable ON payments_ledgerentry;
DROP TRIGGER IF EXISTS payments_ledgerentry_balanced ON payments_ledgerentry;
DROP FUNCTION IF EXISTS payments_ledger_refuse_change();
DROP FUNCTION IF EXISTS payments_ledger_check_balanced();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the SQL holds literal % signs (RAISE formats).
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_ledger")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
