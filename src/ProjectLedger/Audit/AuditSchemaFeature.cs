using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace ProjectLedger.Audit;

/// <summary>
/// The audit's database objects as a Marten schema feature (so db-apply, db-patch and db-assert
/// know them), created after the event store's tables: the hash-chain function and its trigger on
/// mt_events, the transparency log's leaves and checkpoints.
/// </summary>
public sealed class AuditSchemaFeature(StoreOptions options) : FeatureSchemaBase("LedgerAudit", options.Advanced.Migrator)
{
    public override Type StorageType => typeof(AuditSchemaFeature);

    public override IEnumerable<Type> DependentTypes()
    {
        yield return typeof(Marten.Events.EventGraph);
    }

    protected override IEnumerable<ISchemaObject> schemaObjects() =>
        ChainTrigger.SchemaObjects(options.DatabaseSchemaName).Concat(LogSchema.SchemaObjects(options.DatabaseSchemaName));
}
