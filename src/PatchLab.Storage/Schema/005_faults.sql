-- Fault injection (issue 7): every fault the lab API acknowledged, so a killed emulator loses none.
CREATE TABLE faults (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    fault_id      TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    spec_json     TEXT NOT NULL,
    state         TEXT NOT NULL,
    instance_ids  TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    started_at    TEXT,
    ends_at       TEXT,
    ended_at      TEXT
);
CREATE INDEX faults_state ON faults (state, starts_at);
