using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Audit;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>
/// What a database administrator could do with SQL, each caught and named: by the chain, by the
/// transparency log, or by a checkpoint kept outside the database.
/// </summary>
[Collection(TamperCollection.Name)]
public sealed class TamperTests(LedgerApp app)
{
    private readonly LogScenario _log = new(app);

    private async Task<Guid> Logged()
    {
        var id = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(id);
        (await _log.Verify(id))["intact"]!.GetValue<bool>().ShouldBeTrue();
        return id;
    }

    [Fact]
    public async Task data_changed()
    {
        var id = await Logged();
        await _log.Sql("""update {schema}.mt_events set data = jsonb_set(data, '{byKind,client}', '120') where stream_id = @id and version = 6""", id);
        LogScenario.ShouldName(await _log.Verify(id), 6, ChainVerifier.DataChanged);
    }

    [Fact]
    public async Task metadata_changed()
    {
        var id = await Logged();
        await _log.Sql("""update {schema}.mt_events set headers = headers || '{"userId":"mallory","role":"admin","reason":"forged"}' where stream_id = @id and version = 2""", id);
        LogScenario.ShouldName(await _log.Verify(id), 2, ChainVerifier.MetadataChanged);
    }

    [Fact]
    public async Task a_middle_event_deleted()
    {
        var id = await Logged();
        await _log.Sql("delete from {schema}.mt_events where stream_id = @id and version = 3", id);
        LogScenario.ShouldName(await _log.Verify(id), 3, ChainVerifier.EventMissing);
    }

    [Fact]
    public async Task the_last_event_deleted_and_the_stream_version_lowered()
    {
        var id = await Logged();
        await _log.Sql("""
            delete from {schema}.mt_events where stream_id = @id and version = 6;
            update {schema}.mt_streams set version = 5 where id = @id;
            """, id);
        LogScenario.ShouldName(await _log.Verify(id), 6, ChainVerifier.StreamTruncated);
    }

    [Fact]
    public async Task a_whole_stream_deleted()
    {
        var id = await Logged();
        await _log.Sql("delete from {schema}.mt_events where stream_id = @id; delete from {schema}.mt_streams where id = @id", id);
        (await _log.Auditor.Get($"/api/experiments/{id}"))["id"].ShouldNotBeNull();
        LogScenario.ShouldName(await _log.Verify(id), 1, ChainVerifier.StreamDeleted);
    }

    [Fact]
    public async Task the_full_verification_finds_a_whole_deleted_stream_by_the_leaves_it_left_in_the_log()
    {
        var id = await Logged();
        await _log.Sql("delete from {schema}.mt_events where stream_id = @id; delete from {schema}.mt_streams where id = @id", id);
        var report = await app.Host.Services.GetRequiredService<FullVerification>().RunAsync(null, null, CancellationToken.None);
        report.Broken.ShouldContain(b => b.StreamId == id && b.FirstMismatch!.Problem == ChainVerifier.StreamDeleted);
        report.LogProblems.ShouldNotContain(p => p.StartsWith(FullVerification.LogShrunk));
    }

    [Fact]
    public async Task two_events_swapped()
    {
        var id = await Logged();
        await _log.Sql("""
            update {schema}.mt_events e set data = o.data, type = o.type, mt_dotnet_type = o.mt_dotnet_type
              from {schema}.mt_events o
             where e.stream_id = @id and o.stream_id = @id and ((e.version = 4 and o.version = 5) or (e.version = 5 and o.version = 4))
            """, id);
        LogScenario.ShouldName(await _log.Verify(id), 4, ChainVerifier.OrderChanged);
    }

    [Fact]
    public async Task an_event_inserted_with_the_chain_recomputed()
    {
        var id = await Logged();
        await _log.Sql("""
            update {schema}.mt_events set version = -(version + 1) where stream_id = @id and version >= 3;
            update {schema}.mt_events set version = -version where stream_id = @id and version < 0;
            create temp table forged as select * from {schema}.mt_events where stream_id = @id and version = 2;
            update forged set version = 3, seq_id = nextval('{schema}.mt_events_sequence'), id = gen_random_uuid();
            insert into {schema}.mt_events select * from forged;
            drop table forged;
            update {schema}.mt_streams set version = 7 where id = @id;
            """, id);
        await _log.Rechain(id, 4);
        LogScenario.ShouldName(await _log.Verify(id), 3, ChainVerifier.DiffersFromLog);
    }

    [Fact]
    public async Task a_whole_history_rewritten_with_every_hash_recomputed_is_caught_against_a_checkpoint_kept_outside()
    {
        var id = await Logged();
        var options = app.Host.Services.GetRequiredService<LogOptions>();
        var kept = await File.ReadAllTextAsync(FullVerification.NewestCheckpointFile(options.CheckpointDir!).ShouldNotBeNull());
        using var key = options.CreateKey();
        var verification = app.Host.Services.GetRequiredService<FullVerification>();

        // Every hash recomputed: the chain, the leaf hashes in the database; only the signature cannot be made.
        await _log.Sql("""update {schema}.mt_events set data = jsonb_set(data, '{hypothesis}', '"Muutettu jälkikäteen"') where stream_id = @id and version = 2""", id);
        await _log.Rechain(id, 2, alsoLeaves: true);
        (await _log.Verify(id))["intact"]!.GetValue<bool>().ShouldBeTrue();

        var report = await verification.RunAsync(kept, key.Verifier, CancellationToken.None);
        report.Broken.ShouldNotContain(b => b.StreamId == id);
        report.LogProblems.ShouldContain(p => p.StartsWith(FullVerification.LogRewritten));
    }
}
