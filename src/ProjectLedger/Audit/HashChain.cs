using System.Security.Cryptography;
using System.Text;

namespace ProjectLedger.Audit;

/// <summary>
/// Tamper evidence. Each event's headers carry "hash" and "previousHash": SHA-256 over the canonical
/// form below, chained to the previous event of the same stream. The database computes it in a
/// BEFORE INSERT trigger on mt_events, so every path that appends (HTTP, bulk import, raw SQL) is
/// covered; Verify recomputes it here, in C#, from the stored columns.
/// Canonical form (UTF-8, fields joined by '\n'): stream id, version, event type, timestamp
/// (UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ), data as PostgreSQL's jsonb renders it (its key order and
/// spacing are deterministic), previous hash ("" for the first event).
/// </summary>
public static class HashChain
{
    public const string HashHeader = "hash";
    public const string PreviousHashHeader = "previousHash";

    public static string Compute(Guid streamId, long version, string type, DateTimeOffset timestamp, string jsonbData, string previousHash)
    {
        var canonical = string.Join('\n',
            streamId.ToString("D"),
            version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            type,
            timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            jsonbData,
            previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The trigger that chains every inserted event; idempotent DDL. Headers may arrive as SQL NULL
    /// or as JSON null (an append without headers): both become an object before the hash is added.
    /// </summary>
    public static string TriggerSql(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.ledger_chain_event() RETURNS trigger
        LANGUAGE plpgsql AS $fn$
        DECLARE
          previous text;
        BEGIN
          SELECT e.headers ->> 'hash' INTO previous
            FROM {{schema}}.mt_events e
           WHERE e.stream_id = NEW.stream_id AND e.version = NEW.version - 1;
          previous := coalesce(previous, '');
          NEW.headers := coalesce(nullif(NEW.headers, 'null'::jsonb), '{}'::jsonb) || jsonb_build_object(
            'previousHash', previous,
            'hash', encode(sha256(convert_to(concat_ws(E'\n',
                NEW.stream_id::text,
                NEW.version::text,
                NEW.type,
                to_char(NEW.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                NEW.data::text,
                previous), 'UTF8')), 'hex'));
          RETURN NEW;
        END
        $fn$;
        CREATE OR REPLACE TRIGGER ledger_chain_event
          BEFORE INSERT ON {{schema}}.mt_events
          FOR EACH ROW EXECUTE FUNCTION {{schema}}.ledger_chain_event();
        """;
}
