-- Used by @socket.io/postgres-adapter to share realtime events between processes on PostgreSQL.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT NOW(),
  payload bytea
);
