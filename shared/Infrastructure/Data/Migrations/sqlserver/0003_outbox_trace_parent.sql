-- The W3C traceparent of the span that queued the message (a request's, a consumed message's), so that the
-- relay publishes under it and the message's consumers continue the same trace (docs/observability.md).
-- NULL for rows queued outside any span, and for rows written before this column.
ALTER TABLE outbox_messages ADD trace_parent VARCHAR(100) NULL;
