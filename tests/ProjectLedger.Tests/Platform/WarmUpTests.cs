using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using JasperFx.Events;
using Npgsql;
using ProjectLedger.Hosting;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

/// <summary>The warm-up before a node listens takes the write path's steps without leaving a trace.</summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task the_warm_up_stores_nothing_and_takes_no_event_sequence_number()
    {
        var schema = "w_" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await LedgerApp.Start(schema, new Dictionary<string, string?>());

        host.Services.GetServices<IHostedService>().OfType<LedgerWarmUp>().Single().Finished.ShouldBeTrue();
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        // A sequence number taken and rolled back would be a gap the projections wait out.
        (await Scalar<bool>(connection, $"select is_called from {schema}.mt_events_sequence")).ShouldBeFalse();
        foreach (var table in new[] { "mt_events", "mt_doc_experiment", "mt_doc_project", "mt_doc_funnelview", "mt_doc_dashboardexperiment" })
            (await Scalar<long>(connection, $"select count(*) from {schema}.{table}")).ShouldBe(0, table);
        // The refused appends leave only Marten's tombstone stream (no events), as any refused append does.
        (await Scalar<long>(connection, $"select count(*) from {schema}.mt_streams where id <> '{Tombstone.StreamId}'")).ShouldBe(0);
    }

    [Fact]
    public async Task on_a_ledger_with_data_the_warm_up_appends_nothing_to_the_experiment_it_fetches()
    {
        var schema = "w_" + Guid.NewGuid().ToString("N")[..12];
        Guid id;
        await using (var first = await LedgerApp.Start(schema, new Dictionary<string, string?>()))
        {
            var api = new Api(LedgerApp.For(first));
            id = (await api.Post("/api/experiments", new { title = "Etävastaanotto", problem = "Pitkät matkat.", county = "vantaa-kerava", themes = new[] { "etäpalvelut" }, proposedByRole = "ylilääkäri" }, 201))["id"]!.GetValue<Guid>();
        }

        await using var next = await LedgerApp.Start(schema, new Dictionary<string, string?>());
        var warmUp = next.Services.GetServices<IHostedService>().OfType<LedgerWarmUp>().Single();
        warmUp.Finished.ShouldBeTrue();
        // Signed in and let through as a reader would be: the reads answered, the empty proposal refused for its body.
        warmUp.Answered.GetValueOrDefault("GET /api/experiments/{id}").ShouldBe(200, "GET /api/experiments/{id}");
        warmUp.Answered.GetValueOrDefault("GET /api/dashboards/goals").ShouldBe(200, "GET /api/dashboards/goals");
        warmUp.Answered.GetValueOrDefault("POST /api/experiments").ShouldBe(400, "POST /api/experiments");
        warmUp.Answered.Where(a => a.Key.StartsWith("GET ") && a.Key != "GET /api/public/operating-models/{id}").ShouldAllBe(a => a.Value == 200);
        await using var connection = await next.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        (await Scalar<long>(connection, $"select last_value from {schema}.mt_events_sequence")).ShouldBe(1);
        (await Scalar<long>(connection, $"select count(*) from {schema}.mt_events")).ShouldBe(1);
        (await Scalar<long>(connection, $"select version from {schema}.mt_streams where id = '{id}'")).ShouldBe(1);
        (await Scalar<long>(connection, $"select mt_version from {schema}.mt_doc_experiment where id = '{id}'")).ShouldBe(1);
        (await Scalar<long>(connection, $"select count(*) from {schema}.mt_doc_experiment")).ShouldBe(1);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
