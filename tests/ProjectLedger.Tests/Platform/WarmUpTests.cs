using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        foreach (var table in new[] { "mt_streams", "mt_doc_experiment", "mt_doc_funnelview", "mt_doc_dashboardexperiment" })
            (await Scalar<long>(connection, $"select count(*) from {schema}.{table}")).ShouldBe(0, table);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
