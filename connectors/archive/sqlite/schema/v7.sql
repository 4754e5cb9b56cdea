-- v7: the resident's phone as the engine sealed it ("v1:<base64>", AES-256-GCM ciphertext; the
-- key is the engine's and never stored here). Set from the case's first record with a report,
-- NULL again once a record says the phone is erased (the case closed, withdrawn, or merged and
-- let go); NULL for cases archived before this version.
ALTER TABLE cases ADD COLUMN sealed_phone TEXT;

-- Every showing of a resident's phone is listed in the audit view beside the decisions: the
-- index of decisions (v6) gains `phone_revealed`, its predicate repeated word for word in
-- decision_sql.h.
DROP INDEX history_decisions_by_at;
CREATE INDEX history_decisions_by_at ON history (at)
  WHERE (type = 'updated' AND what IN ('extension_approved', 'extension_refused',
                                        'exemption_granted', 'exemption_refused',
                                        'invalid_refused', 'return_justified',
                                        'return_unjustified', 'phone_revealed'))
     OR (type = 'updated' AND what = 'dispatched' AND note = 'assigned')
     OR (type = 'closed' AND what = 'invalid');
