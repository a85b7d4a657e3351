using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Triggers;

namespace ProjectLedger.Audit;

/// <summary>The database side of the hash chain (Audit/HashChain.cs): it computes what HashChain recomputes.</summary>
public static class ChainTrigger
{
    /// <summary>The chaining function and its BEFORE INSERT trigger, as Marten schema objects (db-apply, db-patch and db-assert see them).</summary>
    public static IEnumerable<ISchemaObject> SchemaObjects(string schema)
    {
        yield return Function.ForSql(FunctionSql(schema));
        yield return new Trigger(new PostgresqlObjectName(schema, "ledger_chain_event", SchemaUtils.IdentifierUsage.General), new PostgresqlObjectName(schema, "mt_events", SchemaUtils.IdentifierUsage.General),
            $"{schema}.ledger_chain_event()")
        {
            Timing = TriggerTiming.Before,
            Events = TriggerEvents.Insert,
            ForEachRow = true,
        };
    }

    private static string SqlField(string expression) => $"octet_length({expression})::text || ':' || {expression} || E'\\n'";

    /// <summary>
    /// Written as pg_get_functiondef renders it, so Weasel sees no difference and never drops it
    /// (a drop would cascade to the trigger). Headers may arrive as SQL NULL or as JSON null (an append without headers): both become an
    /// object before the hashes are added.
    /// </summary>
    public static string FunctionSql(string schema) => $$"""
        CREATE OR REPLACE FUNCTION {{schema}}.ledger_chain_event()
         RETURNS trigger
         LANGUAGE plpgsql
        AS $function$
        DECLARE
          previous text;
          headers jsonb;
          meta text;
        BEGIN
          SELECT e.headers ->> 'hash' INTO previous
            FROM {{schema}}.mt_events e
           WHERE e.stream_id = NEW.stream_id AND e.version = NEW.version - 1;
          previous := coalesce(previous, '');
          headers := coalesce(nullif(NEW.headers, 'null'::jsonb), '{}'::jsonb);
          meta := {{SqlField("coalesce(NEW.correlation_id, '')")}}
               || {{SqlField("coalesce(headers ->> 'userId', '')")}}
               || {{SqlField("coalesce(headers ->> 'role', '')")}}
               || {{SqlField("coalesce(headers ->> 'reason', '')")}};
          NEW.headers := headers || jsonb_build_object(
            'hashScheme', {{HashChain.CurrentScheme}},
            'previousHash', previous,
            'metadataHash', encode(sha256(convert_to(meta, 'UTF8')), 'hex'),
            'hash', encode(sha256(convert_to(
                 {{SqlField($"'{HashChain.SchemeTag}'")}}
              || {{SqlField("NEW.stream_id::text")}}
              || {{SqlField("NEW.version::text")}}
              || {{SqlField("NEW.type")}}
              || {{SqlField("to_char(NEW.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")}}
              || meta
              || {{SqlField("NEW.data::text")}}
              || {{SqlField("previous")}}, 'UTF8')), 'hex'));
          RETURN NEW;
        END
        $function$;
        """;
}
