using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace ProjectLedger.Dashboards;

/// <summary>
/// An index on mt_events(timestamp): the dashboards as of a moment read the events of a time range
/// (since their nearest snapshot). Marten 9 has no option for an index on its event table, so this
/// feature declares it (db-apply, db-patch and db-assert see it) and Marten is told to leave it be.
/// </summary>
public sealed class EventTimeIndexFeature(StoreOptions options) : FeatureSchemaBase("LedgerEventTimeIndex", options.Advanced.Migrator)
{
    public const string Name = "mt_events_idx_timestamp";

    public override Type StorageType => typeof(EventTimeIndexFeature);

    public override IEnumerable<Type> DependentTypes()
    {
        yield return typeof(Marten.Events.EventGraph);
    }

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return new EventTimeIndex(options.DatabaseSchemaName);
    }
}

public sealed class EventTimeIndex(string schema) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, EventTimeIndexFeature.Name, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer) =>
        writer.WriteLine($"CREATE INDEX IF NOT EXISTS {EventTimeIndexFeature.Name} ON {schema}.mt_events USING btree (timestamp);");

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"DROP INDEX IF EXISTS {schema}.{EventTimeIndexFeature.Name};");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder)
    {
        builder.Append($"select count(*) from pg_indexes where schemaname = '{schema}' and indexname = '{EventTimeIndexFeature.Name}';");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var exists = await reader.ReadAsync(ct) && reader.GetInt64(0) > 0;
        return new SchemaObjectDelta(this, exists ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }
}
