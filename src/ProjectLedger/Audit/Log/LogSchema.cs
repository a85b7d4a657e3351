using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ProjectLedger.Audit;

/// <summary>
/// The log's tables, as Marten extended schema objects: every leaf (dense index, the event's
/// sequence, stream and version, its leaf hash) and every signed checkpoint.
/// </summary>
public static class LogSchema
{
    public const string Leaves = "tlog_leaves";
    public const string Checkpoints = "tlog_checkpoints";

    public static IEnumerable<ISchemaObject> SchemaObjects(string schema)
    {
        var leaves = new Table(new PostgresqlObjectName(schema, Leaves, SchemaUtils.IdentifierUsage.General));
        leaves.AddColumn<long>("leaf_index").AsPrimaryKey();
        leaves.AddColumn<long>("seq_id").NotNull();
        leaves.AddColumn<Guid>("stream_id").NotNull();
        leaves.AddColumn<long>("version").NotNull();
        leaves.AddColumn("leaf_hash", "bytea").NotNull();
        leaves.Indexes.Add(new IndexDefinition($"{Leaves}_seq_id") { Columns = ["seq_id"], IsUnique = true });
        leaves.Indexes.Add(new IndexDefinition($"{Leaves}_stream") { Columns = ["stream_id", "version"] });
        yield return leaves;

        var checkpoints = new Table(new PostgresqlObjectName(schema, Checkpoints, SchemaUtils.IdentifierUsage.General));
        checkpoints.AddColumn<long>("tree_size").AsPrimaryKey();
        checkpoints.AddColumn("root_hash", "bytea").NotNull();
        checkpoints.AddColumn<string>("note").NotNull();
        checkpoints.AddColumn<DateTimeOffset>("signed_at").NotNull();
        yield return checkpoints;
    }
}
