-- The sending side (Svix-compatible API). Ids are time-ordered (prefix + ULID-like text) and
-- compared byte-wise (COLLATE "C"), so "ORDER BY id" is creation order and a cursor is an id.

CREATE TABLE application (
  id            text COLLATE "C" PRIMARY KEY,
  uid           text UNIQUE,
  name          text NOT NULL,
  metadata      text NOT NULL DEFAULT '{}',
  throttle_rate integer,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE TABLE event_type (
  id            text COLLATE "C" PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  description   text NOT NULL,
  schemas       text,
  archived      boolean NOT NULL DEFAULT false,
  deprecated    boolean NOT NULL DEFAULT false,
  feature_flag  text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

CREATE TABLE endpoint (
  id                      text COLLATE "C" PRIMARY KEY,
  app_id                  text COLLATE "C" NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  uid                     text,
  url                     text NOT NULL,
  description             text NOT NULL DEFAULT '',
  disabled                boolean NOT NULL DEFAULT false,
  filter_types            text[],
  channels                text[],
  rate_limit              integer,
  metadata                text NOT NULL DEFAULT '{}',
  headers                 text NOT NULL DEFAULT '{}',
  secret                  text NOT NULL,
  previous_secret         text,
  previous_secret_expires timestamptz,
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  UNIQUE (app_id, uid)
);
CREATE INDEX endpoint_app ON endpoint (app_id, id);

CREATE TABLE message (
  id         text COLLATE "C" PRIMARY KEY,
  app_id     text COLLATE "C" NOT NULL REFERENCES application (id) ON DELETE CASCADE,
  event_id   text,
  event_type text NOT NULL,
  channels   text[],
  payload    text,
  created_at timestamptz NOT NULL,
  UNIQUE (app_id, event_id)
);
CREATE INDEX message_app ON message (app_id, id);

-- One row per (message, endpoint) the dispatch chose: the state the lists show.
-- status: 0 success, 1 pending, 2 fail, 3 sending (the reference's MessageStatus).
CREATE TABLE message_destination (
  msg_id       text COLLATE "C" NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  endpoint_id  text COLLATE "C" NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
  app_id       text COLLATE "C" NOT NULL,
  status       smallint NOT NULL,
  next_attempt timestamptz,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (msg_id, endpoint_id)
);
CREATE INDEX message_destination_endpoint ON message_destination (endpoint_id, msg_id);

-- Every request sent (or refused before sending). attempt_key names the Temporal activity attempt
-- that made it, so a retried activity never records one attempt twice.
CREATE TABLE message_attempt (
  id                   text COLLATE "C" PRIMARY KEY,
  attempt_key          text NOT NULL UNIQUE,
  delivery_id          text NOT NULL,
  msg_id               text COLLATE "C" NOT NULL REFERENCES message (id) ON DELETE CASCADE,
  endpoint_id          text COLLATE "C" NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
  app_id               text COLLATE "C" NOT NULL,
  url                  text NOT NULL,
  status               smallint NOT NULL,
  response_status_code integer NOT NULL,
  response             text NOT NULL,
  response_duration_ms bigint NOT NULL,
  error_kind           text,
  trigger_type         smallint NOT NULL,
  created_at           timestamptz NOT NULL
);
CREATE INDEX message_attempt_msg ON message_attempt (msg_id, id);
CREATE INDEX message_attempt_endpoint ON message_attempt (endpoint_id, id);
CREATE INDEX message_attempt_delivery ON message_attempt (delivery_id);

-- POST answers kept for the idempotency-key header: a repeat within 24 h gets the first answer.
CREATE TABLE idempotent_request (
  token_hash  text NOT NULL,
  key         text NOT NULL,
  path        text NOT NULL,
  body_hash   text NOT NULL,
  status      integer,
  response    text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (token_hash, key, path)
);
