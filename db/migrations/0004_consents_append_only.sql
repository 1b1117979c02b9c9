-- Consent records are evidence for POPIA s11: a withdrawal is a new row, never an edit or a delete.
CREATE OR REPLACE FUNCTION consents_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'consents is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consents_append_only
  BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION consents_reject_change();
