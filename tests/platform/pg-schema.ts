/**
 * The reference platform's tables. Idempotency lives in the database: every ingest is an
 * INSERT ... ON CONFLICT DO NOTHING against a UNIQUE constraint, so two requests with the same
 * key (a resend after a lost answer, a late commit) can never store twice, whichever server
 * process or connection they reach.
 */
export const PLATFORM_SCHEMA = `
CREATE TABLE kiosks (
  kiosk_id        text PRIMARY KEY,
  -- Audit entries held: they always run 1..audit_count, as an entry is kept only when it chains on.
  audit_count     integer NOT NULL DEFAULT 0,
  -- The largest audit head the kiosk ever sent; a smaller one later means its log was cut.
  audit_max_head  integer NOT NULL DEFAULT 0,
  first_seen      timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE submissions (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key   text NOT NULL UNIQUE,
  reference         text NOT NULL UNIQUE,
  kiosk_id          text NOT NULL REFERENCES kiosks,
  service_id        text NOT NULL,
  lang              text NOT NULL,
  created_at        timestamptz NOT NULL,
  payload           jsonb NOT NULL,
  client_name       text,
  received_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  state             text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'accepted', 'rejected')),
  reason            text,
  certificate_ready boolean NOT NULL DEFAULT false
);

-- Every answer the platform gave for an item: resends show here as 'duplicate', never in submissions.
CREATE TABLE submission_answers (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL,
  kiosk_id         text NOT NULL,
  status           text NOT NULL CHECK (status IN ('stored', 'duplicate', 'invalid')),
  reason           text,
  at               timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE audit_entries (
  kiosk_id   text NOT NULL REFERENCES kiosks,
  seq        integer NOT NULL,
  hash       text NOT NULL,
  prev_hash  text NOT NULL,
  entry      jsonb NOT NULL,
  PRIMARY KEY (kiosk_id, seq)
);

CREATE TABLE audit_alerts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id    text NOT NULL,
  problem     text NOT NULL CHECK (problem IN ('regressed', 'forked', 'gap')),
  at          integer NOT NULL,
  noticed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE reviews (
  kiosk_id     text NOT NULL,
  review_id    bigint NOT NULL,
  reference    text NOT NULL,
  decision     text NOT NULL,
  body         jsonb NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (kiosk_id, review_id)
);

CREATE TABLE heartbeats (
  kiosk_id         text NOT NULL,
  idempotency_key  text NOT NULL,
  started_at       timestamptz NOT NULL,
  seq              integer NOT NULL,
  reason           text NOT NULL,
  made_at          timestamptz NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  body             jsonb NOT NULL,
  UNIQUE (kiosk_id, idempotency_key)
);

-- The configuration each kiosk is to run (GET /kiosk-config): a version that only rises, and the
-- body as served ({ version, settings, notices }); a test or an operator writes it.
CREATE TABLE kiosk_config (
  kiosk_id    text PRIMARY KEY,
  version     bigint NOT NULL CHECK (version > 0),
  config      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- What lookups answer (a test or the bench fills it) and who asked for which kind; never the parameters.
CREATE TABLE lookup_data (
  kind        text NOT NULL,
  params_key  text NOT NULL,
  data        jsonb NOT NULL,
  PRIMARY KEY (kind, params_key)
);
CREATE TABLE lookup_requests (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id     text NOT NULL,
  kind         text NOT NULL,
  found        boolean NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;
